// The package's `./vitest` entry, for mock authors: run the conformance rules inside your own vitest suite.
//
//   import { describeConformance } from 'copysnapshot-conformance/vitest';
//   import { handlers } from './my-mock.js';
//   describeConformance({ handlers, fixtures: { sourceSnapshot: 'my-source' } });
//
// Without handlers or an endpoint, the rules run against the reference mock.
import { describeConformance as describeWithTarget, type ConformanceOptions } from '../harness/vitest-entry.js';
import { referenceTarget } from './reference-target.js';

export type { ConformanceOptions } from '../harness/vitest-entry.js';

/**
 * One describe block per rule family, one test per rule; failures carry the replay details. All of them share
 * one run (target, create budget, ledger, cleanup), opened by the first test and closed after the last.
 */
export function describeConformance(options: ConformanceOptions = {}): void {
  describeWithTarget({ defaultTarget: referenceTarget, ...options });
}

export { defineConfig } from '../harness/config.js';
export type { RuleResult, RunResult } from '../harness/result.js';
