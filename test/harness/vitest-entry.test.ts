// The library entry a mock author uses inside their own vitest suite, here against the reference mock.
import { describeConformance } from '../../cli/vitest-entry.js';
import { createReferenceMock } from '../../mock/handlers.js';
import { referenceFixtures } from '../../mock/fixtures.js';

describeConformance({
  handlers: createReferenceMock({ settleMs: 10 }).handlers,
  fixtures: referenceFixtures,
  rules: ['tags', 'names.source-not-found', 'uniqueness.case-insensitive', 'envelope.error-shape'],
  numRuns: 5,
  seed: 11,
});
