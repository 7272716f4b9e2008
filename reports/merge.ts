// The report.json files of the shards of one run (`--shard I/N`, one seed) become one run's result, as if one
// process had run it (the `merge-reports` command, cli/merge-command.ts, writes its reports).
import type { Diagnosis, RuleResult, RunResult } from '../harness/result.js';
import { addCounts, emptyCounts } from '../harness/run/counting.js';
import { groupRootCauses } from '../harness/run/root-cause.js';
import { ruleList } from '../specs/rules.js';
import { summarise, type ReportJson } from './json.js';

export class MergeProblem extends Error {}

const diagnosisRank: Record<Diagnosis['copySnapshot'], number> = { implemented: 0, partial: 1, 'not-implemented': 2 };
const order = new Map<string, number>(ruleList.map((r, i) => [r.id, i]));

function same<T>(reports: readonly ReportJson[], what: string, value: (r: ReportJson) => T): T {
  const values = [...new Set(reports.map((r) => JSON.stringify(value(r))))];
  if (values.length > 1) throw new MergeProblem(`the shards differ in ${what} (${values.join(' vs ')}): they are not shards of one run`);
  return value(reports[0]!);
}

/** One run's result from its shards' reports; shards that overlap or disagree on what was run are refused. */
export function mergeReports(reports: readonly ReportJson[]): RunResult {
  if (reports.length === 0) throw new MergeProblem('no report.json given');
  same(reports, 'seed', (r) => r.seed);
  same(reports, 'target', (r) => r.target);
  same(reports, 'cases per rule', (r) => r.numRuns);
  same(reports, 'strictness', (r) => r.strict);
  const seen = new Map<string, number>();
  reports.forEach((r, i) => {
    for (const rule of r.rules) {
      if (seen.has(rule.id)) throw new MergeProblem(`rule ${rule.id} is in shard ${seen.get(rule.id)! + 1} and shard ${i + 1}: shards must not overlap`);
      seen.set(rule.id, i);
    }
  });
  const rules: RuleResult[] = reports.flatMap((r) => r.rules).sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const summary = summarise(rules, reports.flatMap((r) => r.summary.unexpectedPasses));
  const sum = (f: (r: ReportJson) => number) => reports.reduce((n, r) => n + f(r), 0);
  const counts = emptyCounts();
  for (const r of reports) addCounts(counts, r.counts);
  // an interrupted or unreachable shard decides the exit code; otherwise the merged verdicts do
  const special = reports.map((r) => r.exitCode).find((c) => c !== 0 && c !== 1);
  const starts = reports.map((r) => Date.parse(r.startedAt)).filter((t) => !Number.isNaN(t));
  const diagnosis = reports.map((r) => r.diagnosis).filter((d): d is Diagnosis => d !== undefined).sort((a, b) => diagnosisRank[b.copySnapshot] - diagnosisRank[a.copySnapshot])[0];
  const aborted = [...new Set(reports.map((r) => r.aborted).filter((a): a is string => a !== undefined))];
  const budget = reports[0]!.budget;
  return {
    toolVersion: reports[0]!.toolVersion,
    runId: [...new Set(reports.map((r) => r.runId))].join('+'),
    target: reports[0]!.target,
    seed: reports[0]!.seed,
    numRuns: reports[0]!.numRuns,
    strict: reports[0]!.strict,
    startedAt: new Date(starts.length ? Math.min(...starts) : Date.now()).toISOString(),
    // shards run side by side: the run took as long as its longest shard
    durationMs: Math.max(...reports.map((r) => r.durationMs)),
    config: { ...reports[0]!.config, shards: reports.length },
    rules,
    summary,
    exitCode: special ?? (summary.fail > 0 ? 1 : 0),
    requests: sum((r) => r.requests),
    counts,
    ...(diagnosis ? { diagnosis } : {}),
    rootCauses: groupRootCauses(rules),
    // the plan (max and allocation) is the whole run's in every shard; what each spent adds up
    budget: { ...(budget.max !== undefined ? { max: budget.max } : {}), used: sum((r) => r.budget.used), allocation: budget.allocation },
    throttled: sum((r) => r.throttled),
    ...(aborted.length ? { aborted: aborted.join('; ') } : {}),
  };
}
