// `copysnapshot-conformance selftest`: the suite against each shipped planted-bug mock.
// A suite that passes a broken mock is broken: every variant must fail a rule it is known to break,
// and the pristine mock must pass with no false alarm (inferred rules included).
import type { createReferenceMock } from '../mock/handlers.js';
import type { Mutant } from '../mock/mutants.js';
import { ruleById, type RuleId } from '../specs/rules.js';
import { referenceFixtures } from '../mock/fixtures.js';
import { resolveConfig, type ResolvedConfig } from '../harness/config.js';
import type { RunResult } from '../harness/result.js';
import { selectRules } from '../harness/run/select.js';
import { intFlag, parseFlags } from './args.js';
import { StepConsole, stderrTerminal } from './console.js';

// the suite, the mocks and msw load after the flags are read: a usage error answers at once
const loadMutants = async (): Promise<readonly Mutant[]> => (await import('../mock/mutants.js')).mutants;

export interface SelftestEntry {
  id: string;
  description: string;
  breaks: RuleId[];
  killed: boolean;
  /** the rules that failed */
  failedRules: string[];
}

export interface SelftestReport {
  pristineFalseAlarms: string[];
  entries: SelftestEntry[];
  killed: number;
  total: number;
}

const quotaForSelftest = 5;

type MockFactory = (options: { settleMs: number; quota?: number }) => { handlers: ReturnType<typeof createReferenceMock>['handlers'] };

/** Rules that need a declared snapshot quota: they get a mock of their own, with one, since it fills up. */
const needsQuota = (id: RuleId) => ruleById(id).needs.includes('snapshot-quota');

/** Run the chosen rules against one mock; the quota rules get their own mock with a declared quota. */
async function runAgainst(factory: MockFactory, config: ResolvedConfig, ruleIds: RuleId[]): Promise<RunResult[]> {
  const { runSuite } = await import('../harness/run/suite.js');
  const main = ruleIds.filter((id) => !needsQuota(id));
  const runs: RunResult[] = [];
  if (main.length)
    runs.push(await runSuite(config, { handlers: factory({ settleMs: 20 }).handlers, handlerFixtures: referenceFixtures, onlyRules: main }));
  if (main.length !== ruleIds.length)
    runs.push(
      await runSuite(
        { ...config, fixtures: { ...config.fixtures, snapshotQuota: quotaForSelftest } },
        { handlers: factory({ settleMs: 20, quota: quotaForSelftest }).handlers, handlerFixtures: { ...referenceFixtures, snapshotQuota: quotaForSelftest }, onlyRules: ruleIds.filter(needsQuota) },
      ),
    );
  return runs;
}

const failed = (runs: RunResult[]) => runs.flatMap((r) => r.rules.filter((x) => x.verdict === 'fail' || x.verdict === 'warn').map((x) => x.id));

/**
 * `focused`: run each variant only against the rules it claims to break (fast, for the project's tests);
 * otherwise every variant meets the whole suite.
 */
export async function runSelftest(options: { numRuns?: number; seed?: number; rules?: string[]; only?: string[]; focused?: boolean; onProgress?: (line: string) => void }): Promise<SelftestReport> {
  const config = await resolveConfig({}, { strict: true, numRuns: options.numRuns ?? 25, seed: options.seed ?? 424242 });
  const ruleIds = selectRules(options.rules ?? [], []);
  const [{ createReferenceMock }, mutants] = await Promise.all([import('../mock/handlers.js'), loadMutants()]);
  const pristine = failed(await runAgainst((o) => createReferenceMock(o), config, ruleIds));
  options.onProgress?.(`pristine reference mock: ${pristine.length ? `FALSE ALARMS ${pristine.join(', ')}` : 'no false alarm'}`);
  const entries: SelftestEntry[] = [];
  for (const mutant of mutants.filter((m) => !options.only || options.only.includes(m.id))) {
    const rules = options.focused ? ruleIds.filter((id) => mutant.breaks.includes(id)) : ruleIds;
    const failedRules = failed(await runAgainst((o) => mutant.create(o), config, rules));
    const killed = mutant.breaks.some((id) => failedRules.includes(id));
    entries.push({ id: mutant.id, description: mutant.description, breaks: mutant.breaks, killed, failedRules });
    options.onProgress?.(`${killed ? 'killed ' : 'SURVIVED'} ${mutant.id} — expected ${mutant.breaks.join('|')}; failed: ${failedRules.join(', ') || 'nothing'}`);
  }
  return { pristineFalseAlarms: pristine, entries, killed: entries.filter((e) => e.killed).length, total: entries.length };
}

export async function selftestCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { 'num-runs': { type: 'string' }, seed: { type: 'string' }, mutant: { type: 'string' }, json: { type: 'boolean' } }, 'selftest');
  const numRuns = intFlag(values, 'num-runs', 1);
  const seed = intFlag(values, 'seed', 0);
  const only = typeof values.mutant === 'string' ? values.mutant.split(',') : undefined;
  const mutants = await loadMutants();
  const known = new Set(mutants.map((m) => m.id));
  for (const id of only ?? []) if (!known.has(id)) throw new (await import('../harness/errors.js')).UsageError(`selftest: unknown mutant "${id}" (known: ${[...known].join(', ')})`);
  const started = Date.now();
  // one step for the pristine mock, one per planted bug: each meets the whole suite, so they take alike
  const steps = new StepConsole(stderrTerminal(), { label: 'selftest', total: 1 + (only ?? mutants).length });
  if (!values.json) steps.start();
  let report: SelftestReport;
  try {
    report = await runSelftest({
      ...(numRuns !== undefined ? { numRuns } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(only ? { only } : {}),
      onProgress: values.json ? undefined : (line) => steps.step(line, /^(SURVIVED|pristine.*FALSE ALARMS)/.test(line) ? 'fail' : 'pass'),
    } as Parameters<typeof runSelftest>[0]);
  } finally {
    steps.finish();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const ok = report.killed === report.total && report.pristineFalseAlarms.length === 0;
  process.stdout.write(
    `selftest: ${report.killed}/${report.total} planted bugs caught; pristine mock: ${report.pristineFalseAlarms.length ? `${report.pristineFalseAlarms.length} false alarm(s)` : 'no false alarm'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  return ok ? 0 : 1;
}
