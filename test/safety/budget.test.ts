// --max-creates bounds the whole run, in every mode, and `plan` lists exactly the rules `run` runs.
// Creates are counted on the wire: every CopySnapshot that answered 200 (the ledger records each one).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { runCli } from '../fixtures/cli.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-budget-'));
const env = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };
let server: MockServer;

const cli = (args: string[]) => runCli(args, { env: env, timeoutMs: 120_000 });

/** Snapshots the run created: CopySnapshot/CreateSnapshot requests the endpoint answered 200. */
function createsIn(reports: string): number {
  return readFileSync(path.join(reports, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: string; status?: number })
    .filter((e) => e.event === 'answer' && e.status === 200).length;
}

interface Report {
  rules: { id: string; verdict: string; grade: string; reason?: string }[];
  budget: { max?: number; used: number; allocation: Record<string, number> };
}
const readReport = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;

const fixtureFlags = () => ['--endpoint', server.url, '--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--max-creates', '3', '--num-runs', '10', '--seed', '3'];

beforeAll(async () => {
  server = await startMockServer({ settleMs: 20 });
});

/** The whole run with --max-creates 3, started once and shared by the tests that read it (each can also run alone). */
let whole: Promise<{ reports: string; run: Awaited<ReturnType<typeof cli>> }> | undefined;
const wholeRun = () =>
  (whole ??= (async () => {
    const reports = path.join(work, 'whole');
    return { reports, run: await cli(['run', ...fixtureFlags(), '--reports', reports, '--quiet']) };
  })());
afterAll(async () => {
  await server?.close();
});

describe('--max-creates 3', () => {
  it('creates at most 3 in a whole run, spent on documented rules first', async () => {
    const { reports, run } = await wholeRun();
    expect([0, 1], run.stderr).toContain(run.code);
    expect(createsIn(reports)).toBeLessThanOrEqual(3);
    expect(createsIn(reports)).toBeGreaterThan(0);
    const report = readReport(reports);
    expect(report.budget.max).toBe(3);
    expect(report.budget.used).toBeLessThanOrEqual(3);
    const allotted = Object.keys(report.budget.allocation);
    expect(allotted.length).toBeGreaterThan(0);
    const grades = new Map(report.rules.map((r) => [r.id, r.grade]));
    // no inferred rule got creates while a documented one that needs them was refused its share
    const starved = report.rules.filter((r) => r.verdict === 'skip' && /--max-creates/.test(r.reason ?? '')).map((r) => r.id);
    for (const id of allotted) for (const s of starved) if (grades.get(id) === 'inferred') expect(grades.get(s), `${id} got creates before ${s}`).toBe('inferred');
  }, 120_000);

  it('two shards together create at most 3, and between them run every rule the whole run runs', async () => {
    const one = path.join(work, 'shard-1');
    const two = path.join(work, 'shard-2');
    const [a, b] = await Promise.all([
      cli(['run', ...fixtureFlags(), '--shard', '1/2', '--reports', one, '--quiet']),
      cli(['run', ...fixtureFlags(), '--shard', '2/2', '--reports', two, '--quiet']),
    ]);
    expect([0, 1], a.stderr).toContain(a.code);
    expect([0, 1], b.stderr).toContain(b.code);
    expect(createsIn(one) + createsIn(two)).toBeLessThanOrEqual(3);
    const ids = [...readReport(one).rules, ...readReport(two).rules].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // no rule in both shards
    expect(ids).toHaveLength(57);
  }, 120_000);

  it('plan lists exactly the rules run runs, with the same allocation', async () => {
    // the same whole run as the first test (same flags): plan must describe it
    const [plan, { reports, run }] = await Promise.all([cli(['plan', ...fixtureFlags(), '--json']), wholeRun()]);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as { rules: { rule: string; runs: boolean }[]; allocation: Record<string, number> };
    expect([0, 1], run.stderr).toContain(run.code);
    const report = readReport(reports);
    const ran = report.rules.filter((r) => r.verdict !== 'skip').map((r) => r.id).sort();
    expect(planned.rules.filter((r) => r.runs).map((r) => r.rule).sort()).toEqual(ran);
    expect(planned.allocation).toEqual(report.budget.allocation);
  }, 120_000);
});
