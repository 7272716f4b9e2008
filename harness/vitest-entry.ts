// Library entry for mock authors: run the conformance rules inside your own vitest suite.
//
//   import { describeConformance } from 'copysnapshot-conformance/vitest';
//   import { handlers } from './my-mock.js';
//   describeConformance({ handlers, fixtures: { sourceSnapshot: 'my-source' } });
//
import type { RequestHandler } from 'msw';
import { families } from '../specs/rules.js';
import type { Fixtures } from '../specs/types.js';
import { resolveConfig, type ConformanceConfig } from './config.js';
import { describeFamily } from './vitest-suite.js';

export interface ConformanceOptions extends Omit<ConformanceConfig, 'handlers' | 'fixtures'> {
  /** your msw handlers, run in-process (else `endpoint`, else the reference mock) */
  handlers?: RequestHandler[];
  /** the snapshots and buckets your endpoint holds */
  fixtures?: Fixtures;
}

/** One describe block per rule family, one test per rule; failures carry the replay details. */
export function describeConformance(options: ConformanceOptions = {}): void {
  const { handlers, ...rest } = options;
  for (const family of families)
    describeFamily(family, async () => {
      const config = await resolveConfig({}, rest);
      return handlers ? { config, options: { handlers, handlerFixtures: options.fixtures ?? {} } } : { config };
    });
}

export { defineConfig } from './config.js';
export type { RuleResult, RunResult } from './result.js';
