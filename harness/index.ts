// The harness's library API: run the suite from code. A run needs a target: the config's, or `defaultTarget`
// (the package's entry, cli/entry.ts, gives the reference mock).
export { runSuite, openRun, toolVersion, type SuiteOptions, type RunSession, type DefaultTarget } from './run/suite.js';
export { runRule } from './run/rule-runner.js';
export { defineConfig, resolveConfig, type ConformanceConfig, type ResolvedConfig } from './config.js';
export { answerChecks, checkStyleOf, registry, type RuleEntry } from './checks/index.js';
export type { RuleResult, RunResult, Verdict, Counterexample } from './result.js';
export { contract } from '../specs/contract.js';
