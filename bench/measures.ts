// One function per benchmark field; each returns plain numbers for bench.json.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { resolveConfig, runSuite, type RunResult } from '../cli/entry.js';
import { encodeCopySnapshotBody, invalidCopyRequest } from '../generators/index.js';
import { mutants, referenceFixtures } from '../mock/index.js';
import { rawRps } from './loopback.js';
import { median } from './stats.js';
import { timeProcess } from './processes.js';

export const fixtures = { sourceSnapshot: 'conformance-source', pendingSnapshot: 'conformance-pending' };
/** Request rules whose cases are refused, so the mock's state stays small. */
export const harnessRules = ['names', 'tags.max-50', 'tags.key-max-128', 'wire'];
/** A copy from a missing source: 404 SnapshotNotFoundFault, nothing stored. */
export const rawBody = encodeCopySnapshotBody({ SourceSnapshotName: 'bench-missing-source', TargetSnapshotName: 'bench-target' });

/** Check once that the raw body gets the answer we mean to time, warm the mock up (its first second runs
 *  at about half speed: lazy module loads, JIT), then time it. */
export async function measureRaw(url: string, seconds: number, warmupSeconds: number): Promise<number> {
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: rawBody });
  await probe.text();
  if (probe.status !== 404) throw new Error(`raw probe expected 404 from the mock, got ${probe.status}`);
  await rawRps(url, rawBody, warmupSeconds);
  return rawRps(url, rawBody, seconds);
}

export interface SuiteRate {
  rps: number;
  requests: number;
  seconds: number;
  failedRules: string[];
}

/** Checked requests per second of the harness on `harnessRules`, over HTTP (`endpoint`) or embedded.
 *  Reports (the create ledger) go to a temporary folder, not the repo's conformance-reports/. */
export async function measureSuite(numRuns: number, endpoint?: string, skipRules: string[] = []): Promise<SuiteRate> {
  const reports = await mkdtemp(path.join(tmpdir(), 'bench-reports-'));
  try {
    const config = await resolveConfig({}, { ...(endpoint ? { endpoint } : {}), fixtures, numRuns, seed: 1, rules: harnessRules, skipRules, concurrency: 4, reports });
    return rateOf(await runSuite(config));
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}

function rateOf(r: RunResult): SuiteRate {
  if (r.aborted) throw new Error(`harness run aborted: ${r.aborted}`);
  const seconds = r.durationMs / 1000;
  return { rps: r.requests / seconds, requests: r.requests, seconds, failedRules: r.rules.filter((x) => x.verdict === 'fail').map((x) => x.id) };
}

/** Cases generated and form-encoded per second. */
export function measureGenerate(count: number): number {
  const arb = invalidCopyRequest({ fixtures, prefix: 'b-' });
  fc.sample(arb, { numRuns: Math.min(200, count), seed: 7 }); // warm up
  const start = performance.now();
  let bytes = 0;
  for (const c of fc.sample(arb, { numRuns: count, seed: 1 })) bytes += c.wire ? c.wire.body.length : encodeCopySnapshotBody(c.input ?? {}).length;
  const seconds = (performance.now() - start) / 1000;
  if (bytes === 0) throw new Error('generator produced empty bodies');
  return count / seconds;
}

/**
 * What users get: the CLI's real default path (a process, all rules, the preflight, cleanup) over HTTP,
 * every wire request counted from its report (by action), as requests per second of the whole process.
 */
export async function measureCliOverHttp(bin: string, url: string, numRuns: number): Promise<{ rps: number; seconds: number; requests: number; byAction: Record<string, number> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-cli-http-'));
  try {
    // all rules at the full plan's numRuns take minutes on a busy 2-core machine: the 2-minute default would kill it
    const run = await timeProcess([bin, 'run', '--endpoint', url, '--num-runs', String(numRuns), '--seed', '1', '--reports', dir, '--quiet'], { timeoutMs: 900_000 });
    if (run.code !== 0 && run.code !== 1) throw new Error(`CLI run over HTTP exited ${run.code}: ${lastLine(run.stderr || run.stdout)}`);
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { counts: { total: number; byAction: Record<string, number> } };
    return { rps: report.counts.total / run.seconds, seconds: run.seconds, requests: report.counts.total, byAction: report.counts.byAction };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median wall time of the CLI's default run (embedded target), process start to exit. */
export async function measureDefaultRun(bin: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-run-'));
    try {
      const run = await timeProcess([bin, 'run', '--reports', dir]);
      // 0 pass, 1 violation; anything else means the run itself broke
      if (run.code !== 0 && run.code !== 1) throw new Error(`default run exited ${run.code}: ${lastLine(run.stderr || run.stdout)}`);
      times.push(run.seconds);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return median(times);
}

/** Median wall time of vitest running one empty test: the floor any vitest-based run pays. */
export async function measureVitestFloor(vitest: string, runs: number): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-vitest-'));
  try {
    await writeFile(path.join(dir, 'vitest.config.mjs'), 'export default {}\n');
    await writeFile(path.join(dir, 'empty.test.mjs'), "import { test } from 'vitest';\ntest('empty', () => {});\n");
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await timeProcess([vitest, 'run', '--root', dir], { cwd: path.dirname(path.dirname(path.dirname(vitest))) });
      if (run.code !== 0) throw new Error(`vitest floor run exited ${run.code}: ${lastLine(run.stderr || run.stdout)}`);
      times.push(run.seconds);
    }
    return median(times);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ShrinkResult {
  seconds: number;
  worst?: { mutant: string; rule: string };
  mutants: number;
  /** mutants against which none of the named rules failed (the suite missed the planted bug) */
  undetected: string[];
}

/** The quota the shrink measure declares for quota.snapshot-quota (as selftest does). */
const shrinkQuota = 5;

/**
 * Longest shrink (first failing case → minimal counterexample) over the planted-bug mutants, every rule each
 * one breaks: stateful ones (post-state.model-sequence, uniqueness.concurrent-copies) and the quota rule
 * (against a mock with a declared quota) included.
 */
export async function measureShrink(): Promise<ShrinkResult> {
  const config = await resolveConfig({}, { strict: true, seed: 1 });
  const quotaConfig = { ...config, fixtures: { ...config.fixtures, snapshotQuota: shrinkQuota } };
  let worstMs = 0;
  let worst: ShrinkResult['worst'];
  const undetected: string[] = [];
  let count = 0;
  for (const mutant of mutants) {
    if (mutant.breaks.length === 0) continue;
    count++;
    const main = mutant.breaks.filter((id) => id !== 'quota.snapshot-quota');
    const results = main.length ? (await runSuite(config, { handlers: mutant.create({ settleMs: 20 }).handlers, onlyRules: main })).rules : [];
    if (mutant.breaks.includes('quota.snapshot-quota')) {
      const quota = await runSuite(quotaConfig, { handlers: mutant.create({ settleMs: 20, quota: shrinkQuota }).handlers, handlerFixtures: { ...referenceFixtures, snapshotQuota: shrinkQuota }, onlyRules: ['quota.snapshot-quota'] });
      results.push(...quota.rules);
    }
    const failing = results.filter((x) => x.verdict === 'fail');
    if (failing.length === 0) undetected.push(mutant.id);
    for (const rule of failing)
      if ((rule.shrinkMs ?? 0) > worstMs) {
        worstMs = rule.shrinkMs ?? 0;
        worst = { mutant: mutant.id, rule: rule.id };
      }
  }
  return { seconds: worstMs / 1000, ...(worst ? { worst } : {}), mutants: count, undetected };
}

export interface RssResult {
  growth: number;
  rssLowMb: number;
  rssHighMb: number;
  requestsAtLow: number;
  requestsAtHigh: number;
  /** V8 heap in use after GC at the two marks: a leak grows it, allocator noise (which moves RSS) does not */
  heapGrowth: number;
  gc: boolean;
}

/** Memory growth between `low` and `high` checked requests, in a fresh `--expose-gc` process. */
export async function measureRss(probe: string, low: number, high: number): Promise<RssResult> {
  const run = await timeProcess(['--expose-gc', probe, String(low), String(high)], { timeoutMs: 900_000 });
  if (run.code !== 0) throw new Error(`rss probe exited ${run.code}: ${lastLine(run.stderr)}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  const p = JSON.parse(line) as { gc: boolean; requestsAtLow: number; requestsAtHigh: number; rssLow: number; rssHigh: number; heapLow: number; heapHigh: number };
  const mb = (b: number) => b / 2 ** 20;
  return {
    growth: (p.rssHigh - p.rssLow) / p.rssLow,
    rssLowMb: mb(p.rssLow),
    rssHighMb: mb(p.rssHigh),
    requestsAtLow: p.requestsAtLow,
    requestsAtHigh: p.requestsAtHigh,
    heapGrowth: (p.heapHigh - p.heapLow) / p.heapLow,
    gc: p.gc,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => !/NodeVersionSupportWarning|^\s*$/.test(l)).pop()?.slice(0, 200) ?? '';
}
