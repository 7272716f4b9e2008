// The vitest integration's entry: run the conformance rules inside a vitest suite. The package's `./vitest`
// entry (cli/vitest-entry.ts) is this one with the reference mock as `defaultTarget`.
import type { RequestHandler } from 'msw';
import type { Fixtures } from '../specs/types.js';
import { resolveConfig, type ConformanceConfig } from './config.js';
import type { DefaultTarget } from './run/suite.js';
import { describeRuns } from './vitest-suite.js';

export interface ConformanceOptions extends Omit<ConformanceConfig, 'handlers' | 'fixtures'> {
  /** your msw handlers, run in-process (else `endpoint`, else the default target) */
  handlers?: RequestHandler[];
  /**
   * the module that exports those handlers (default export or `handlers`), e.g. `./test/my-mock.ts`: a failure
   * then prints a replay line that reproduces it (`replay --handlers MODULE …`)
   */
  handlersModule?: string;
  /** the snapshots and buckets your endpoint holds */
  fixtures?: Fixtures;
  /** the target when neither handlers nor an endpoint is given (the package's `./vitest` entry: the reference mock) */
  defaultTarget?: DefaultTarget;
}

/**
 * One describe block per rule family, one test per rule; failures carry the replay details. All of them share
 * one run (target, create budget, ledger, cleanup), opened by the first test and closed after the last.
 */
export function describeConformance(options: ConformanceOptions = {}): void {
  const { handlers, handlersModule, defaultTarget, ...rest } = options;
  describeRuns(async () => {
    const config = await resolveConfig({}, rest);
    return handlers
      ? { config, options: { handlers, handlerFixtures: options.fixtures ?? {} }, inlineHandlers: handlersModule !== undefined ? { module: handlersModule } : {} }
      : { config, ...(defaultTarget ? { options: { defaultTarget } } : {}) };
  });
}

export { defineConfig } from './config.js';
export type { RuleResult, RunResult } from './result.js';
