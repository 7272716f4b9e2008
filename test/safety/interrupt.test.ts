// Interrupted runs leave nothing behind: SIGKILL at seeded random points followed by `cleanup`,
// and SIGINT/SIGTERM (the run cleans up itself and writes partial reports).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { runCli } from '../fixtures/cli.js';
import { mulberry32 } from '../../bench/stats.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-safety-'));
const cleanEnv = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };
const fixtureNames = ['conformance-source', 'conformance-pending', 'automatic.conformance-cluster-2026-01-01-00-00'];

let server: MockServer;
let client: ElastiCacheClient;
let fixturesBefore: Record<string, string | undefined>;

/** Name → status of every snapshot the mock lists. */
async function listed(): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  let Marker: string | undefined;
  do {
    const page = await client.send(new DescribeSnapshotsCommand({ MaxRecords: 50, Marker }));
    for (const s of page.Snapshots ?? []) out[s.SnapshotName!] = s.SnapshotStatus;
    Marker = page.Marker;
  } while (Marker);
  return out;
}

async function expectCleanMock(): Promise<void> {
  const now = await listed();
  expect(Object.keys(now).filter((n) => n.startsWith('csc-'))).toEqual([]);
  for (const name of fixtureNames) expect(now[name], name).toBe(fixturesBefore[name]);
}

const cli = (args: string[]) => runCli(args, { env: cleanEnv, timeoutMs: 30_000 });

const ruleLine = /^(PASS|FAIL|WARN|SKIP|KNOWN|INCONCLUSIVE)\s/;

/**
 * Start a run and deliver `signal` once it has reported `afterRules` rules (a readiness signal from the run
 * itself, never a fixed delay); resolves with the exit code (or the killing signal) and how many rule lines came.
 */
function interruptedRun(
  reports: string,
  seed: number,
  signal: NodeJS.Signals,
  afterRules: number,
  extra: string[] = [],
  endpointVia: 'flag' | 'env' = 'flag',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; rulesBefore: number }> {
  // --num-runs 5 (not the default 25): the point is where the run is stopped, not how many cases each rule tries.
  // The signal always lands in a running run, whatever the load: the run cannot get past the rules still to come
  // without hundreds of answers from the mock, and the mock answers on this test's event loop, the same loop that
  // reads the rule line and sends the signal
  const endpoint = endpointVia === 'flag' ? ['--endpoint', server.url] : [];
  const args = ['run', ...endpoint, '--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--reports', reports, '--seed', String(seed), '--num-runs', '5', ...extra];
  const env = endpointVia === 'flag' ? cleanEnv : { ...cleanEnv, AWS_ENDPOINT_URL_ELASTICACHE: server.url };
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let rules = 0;
  let rulesBefore = -1;
  child.stderr.on('data', (d: Buffer) => {
    const text = d.toString();
    stderr += text;
    for (const line of text.split('\n')) if (ruleLine.test(line)) rules++;
    if (rulesBefore < 0 && rules >= afterRules) {
      rulesBefore = rules;
      child.kill(signal);
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr, rulesBefore }));
  });
}

beforeAll(async () => {
  server = await startMockServer({ settleMs: 20 });
  client = new ElastiCacheClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  fixturesBefore = await listed();
  for (const name of fixtureNames) expect(fixturesBefore[name], name).toBeDefined();
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe('SIGKILL, then cleanup --ledger (runs started with --no-guard)', () => {
  const random = mulberry32(20261125); // reproducible kill points
  const points = Array.from({ length: 5 }, () => 1 + Math.floor(random() * 30));
  let intentsSeen = 0;

  it.each(points.map((p, i) => [i, p]))('kill #%i after %i rules leaves nothing behind once cleanup ran', async (i, after) => {
    const reports = path.join(work, `kill-${i}`);
    const killed = await interruptedRun(reports, 100 + i, 'SIGKILL', after, ['--no-guard']);
    expect(killed.rulesBefore, killed.stderr).toBeGreaterThanOrEqual(after);
    expect(killed.signal).toBe('SIGKILL');
    const ledger = path.join(reports, 'ledger.jsonl');
    expect(existsSync(ledger)).toBe(true);
    intentsSeen += readFileSync(ledger, 'utf8').split('\n').filter((l) => l.includes('"intent"')).length;
    const first = await cli(['cleanup', '--endpoint', server.url, '--ledger', ledger]);
    expect(first.code, first.stderr).toBe(0);
    await expectCleanMock();
    // Twice is safe: nothing left to delete.
    const second = await cli(['cleanup', '--endpoint', server.url, '--ledger', ledger]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/nothing to delete|deleted 0\b/);
    await expectCleanMock();
  }, 60_000);

  it('the kills interrupted runs that had announced copies (so cleanup had work to do)', () => {
    expect(new Set(points).size).toBeGreaterThan(1);
    expect(intentsSeen).toBeGreaterThan(0);
  });
});

describe('SIGKILL with the guard (the default)', () => {
  it.each(['flag', 'env'] as const)('endpoint by %s: the guard deletes what the killed run made, with no cleanup command', async (via) => {
    const reports = path.join(work, `kill-guarded-${via}`);
    const killed = await interruptedRun(reports, 120, 'SIGKILL', 12, [], via);
    expect(killed.signal).toBe('SIGKILL');
    const intents = readFileSync(path.join(reports, 'ledger.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"intent"')).length;
    expect(intents, 'the run had announced copies').toBeGreaterThan(0);
    // the guard's work is seen where it lands: on the endpoint
    await expect.poll(async () => Object.keys(await listed()).filter((n) => n.startsWith('csc-')), { timeout: 30_000, interval: 100 }).toEqual([]);
    await expectCleanMock();
  }, 60_000);
});

describe('SIGINT / SIGTERM / SIGHUP', () => {
  it.each([
    ['SIGINT', 130, 3],
    ['SIGTERM', 143, 17],
    ['SIGHUP', 129, 29],
  ] as const)('%s: exit %i, partial report.json, nothing csc- left', async (signal, exit, after) => {
    const reports = path.join(work, `sig-${signal}`);
    const run = await interruptedRun(reports, 7, signal, after);
    expect(run.rulesBefore).toBeGreaterThanOrEqual(after);
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(exit);
    expect(run.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { rules: { verdict: string }[]; aborted?: string; exitCode: number };
    expect(report.exitCode).toBe(exit);
    expect(report.aborted).toMatch(/interrupted/);
    // partial: every rule is listed, the ones it never got to as inconclusive, never as pass
    expect(report.rules).toHaveLength(57);
    expect(report.rules.some((r) => r.verdict === 'inconclusive')).toBe(true);
    await expectCleanMock();
  }, 60_000);
});

describe('the parent dies (as npx does on Ctrl-C)', () => {
  it('the orphaned run notices, cleans up and writes partial reports', async () => {
    const reports = path.join(work, 'orphan');
    const args = ['run', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--reports', reports, '--seed', '11', '--num-runs', '10'];
    // a parent like npx: starts the run, exits on SIGINT without waiting for it
    const parentScript = `const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ${JSON.stringify([bin, ...args])}, { stdio: ['ignore', 'ignore', 'pipe'] });
      c.stderr.on('data', (d) => process.stderr.write(d));
      process.stdout.write(c.pid + '\\n');
      process.on('SIGINT', () => process.exit(130));`;
    const parent = spawn(process.execPath, ['-e', parentScript], { env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let pid = 0;
    parent.stdout.on('data', (d: Buffer) => (pid ||= Number(d.toString().trim())));
    let rules = 0;
    const ready = new Promise<void>((resolve) =>
      parent.stderr.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) if (ruleLine.test(line) && ++rules === 5) resolve();
      }),
    );
    await ready;
    const parentGone = new Promise((resolve) => parent.on('exit', resolve));
    parent.kill('SIGINT');
    await parentGone;
    expect(pid).toBeGreaterThan(0);
    // the orphan finishes on its own: wait for its report (written after cleanup), then for the process to end
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => !alive(), { timeout: 30_000, interval: 100 }).toBe(true);
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { exitCode: number; aborted?: string };
    expect(report.exitCode).toBe(129);
    expect(report.aborted).toMatch(/interrupted/);
    await expectCleanMock();
  }, 60_000);
});
