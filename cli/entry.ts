// The package's main entry (`copysnapshot-conformance`): run the suite from code. The harness's library API
// (harness/index.ts), with the reference mock as the target when the config names none.
import type { ResolvedConfig } from '../harness/config.js';
import type { RunResult } from '../harness/result.js';
import { openRun as openHarnessRun, runSuite as runHarnessSuite, type RunSession } from '../harness/run/suite.js';
import { withReferenceTarget } from './reference-target.js';

export { toolVersion, runRule, defineConfig, resolveConfig, answerChecks, checkStyleOf, registry, contract } from '../harness/index.js';
export type { SuiteOptions, DefaultTarget, RunSession, RuleEntry, ConformanceConfig, ResolvedConfig, RuleResult, RunResult, Verdict, Counterexample } from '../harness/index.js';
export { referenceTarget } from './reference-target.js';

/** Open a run, execute its rules, clean up, and build the result (against the reference mock when the config names no target). */
export function runSuite(config: ResolvedConfig, options: Parameters<typeof runHarnessSuite>[1] = {}): Promise<RunResult> {
  return runHarnessSuite(config, withReferenceTarget(options));
}

/** Open a run (against the reference mock when the config names no target); see harness/run/suite.ts. */
export function openRun(config: ResolvedConfig, options: Parameters<typeof openHarnessRun>[1] = {}): Promise<RunSession> {
  return openHarnessRun(config, withReferenceTarget(options));
}
