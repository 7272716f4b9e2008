// `run` through vitest's Node API: the spec files in harness/conformance run as ordinary vitest
// tests, so vitest's filtering, sharding and reporters apply; results come back via task meta.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from './config.js';
import type { RuleResult } from './result.js';
import type { ProvidedRun } from './vitest-suite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/harness/conformance, next to this file's folder */
const specDir = path.resolve(here, './conformance');

export interface VitestRunOutcome {
  results: RuleResult[];
  /** set when a spec file could not reach the endpoint */
  aborted?: string;
  /** vitest itself reported errors outside the tests */
  errors: string[];
}

export interface VitestRunOptions {
  runId: string;
  shard?: string;
  onRule?: (r: RuleResult) => void;
}

export async function runThroughVitest(config: ResolvedConfig, options: VitestRunOptions): Promise<VitestRunOutcome> {
  const { startVitest } = await import('vitest/node');
  const results: RuleResult[] = [];
  const errors: string[] = [];
  let aborted: string | undefined;
  const reporter = {
    onTestCaseResult(testCase: { meta(): { conformance?: RuleResult; conformanceAbort?: string } }) {
      const meta = testCase.meta();
      if (meta.conformance) {
        results.push(meta.conformance);
        options.onRule?.(meta.conformance);
      }
      if (meta.conformanceAbort) aborted ??= meta.conformanceAbort;
    },
    onTestRunEnd(_modules: unknown, unhandled: ReadonlyArray<{ message?: string }>) {
      for (const e of unhandled) errors.push(String(e.message ?? e).split('\n')[0] ?? '');
    },
  };
  const provided: ProvidedRun = { config, runId: options.runId };
  const vitest = await startVitest(
    'test',
    [],
    {
      watch: false,
      run: true,
      config: false,
      root: specDir,
      dir: specDir,
      include: ['*.spec.js'],
      reporters: process.env.CSC_VITEST_VERBOSE ? [reporter, 'default'] : [reporter],
      provide: { conformanceRun: provided },
      pool: 'threads',
      maxWorkers: Math.max(1, Math.min(config.concurrency, 2)),
      isolate: false,
      testTimeout: 0,
      hookTimeout: 0,
      passWithNoTests: true,
      // the harness is plain compiled JS: let Node load it natively instead of through vite's transform
      server: { deps: { external: [/[\\/]dist[\\/](harness|generators|specs|mock|reports)[\\/](?!conformance[\\/])/] } },
      ...(options.shard ? { shard: options.shard } : {}),
    },
    { logLevel: 'silent', clearScreen: false },
  );
  await vitest.close();
  const outcome: VitestRunOutcome = { results, errors };
  if (aborted) outcome.aborted = aborted;
  return outcome;
}
