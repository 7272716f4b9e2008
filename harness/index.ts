// Library entry: run the suite from code.
export { runSuite, openRun, toolVersion, type SuiteOptions, type RunSession } from './run/suite.js';
export { runRule } from './run/rule-runner.js';
export { defineConfig, resolveConfig, type ConformanceConfig, type ResolvedConfig } from './config.js';
export { answerChecks, checkStyleOf, registry, type RuleEntry } from './checks/index.js';
export type { RuleResult, RunResult, Verdict, Counterexample } from './result.js';
export { contract } from '../specs/contract.js';
