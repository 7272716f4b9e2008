import { describeConformance } from '../../cli/vitest-entry.js';
describeConformance({ endpoint: process.env.CSC_ENDPOINT, reports: process.env.CSC_REPORTS, fixtures: { sourceSnapshot: 'conformance-source' }, rules: ['names.any-target-name', 'tags.up-to-50-accepted', 'post-state', 'uniqueness'], numRuns: 400, seed: 3 });
