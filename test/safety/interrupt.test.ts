// Interrupted runs leave nothing behind: SIGKILL at seeded random points followed by `cleanup`,
// and SIGINT/SIGTERM (the run cleans up itself and writes partial reports).
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startMockServer, type MockServer } from '../../mock/index.js';

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

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env: cleanEnv, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Start a run and deliver `signal` after `delayMs`; resolves with the exit code (or the killing signal). */
function interruptedRun(reports: string, seed: number, signal: NodeJS.Signals, delayMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const args = ['run', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--reports', reports, '--in-process', '--seed', String(seed)];
  const child = spawn(process.execPath, [bin, ...args], { env: cleanEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill(signal), delayMs);
  return new Promise((resolve) => {
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig, stderr });
    });
  });
}

/** mulberry32: a small seeded generator so the kill points are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

describe('SIGKILL, then cleanup --ledger', () => {
  const random = seeded(20261125);
  const delays = Array.from({ length: 5 }, () => 300 + Math.floor(random() * 2700));

  it.each(delays.map((d, i) => [i, d]))('kill #%i after %i ms leaves nothing behind once cleanup ran', async (i, delay) => {
    const reports = path.join(work, `kill-${i}`);
    const killed = await interruptedRun(reports, 100 + i, 'SIGKILL', delay);
    expect(killed.signal === 'SIGKILL' || killed.code !== null).toBe(true);
    const ledger = path.join(reports, 'ledger.jsonl');
    if (existsSync(ledger)) intentsSeen += readFileSync(ledger, 'utf8').split('\n').filter((l) => l.includes('"intent"')).length;
    const first = await cli(['cleanup', '--endpoint', server.url, '--ledger', ledger]);
    expect(first.code, first.stderr).toBe(0);
    await expectCleanMock();
    // Twice is safe: nothing left to delete.
    const second = await cli(['cleanup', '--endpoint', server.url, '--ledger', ledger]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/nothing to delete|deleted 0\b/);
    await expectCleanMock();
  }, 30_000);

  let intentsSeen = 0;

  it('the kills interrupted runs that had announced copies (so cleanup had work to do)', () => {
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(500);
    expect(intentsSeen).toBeGreaterThan(0);
  });
});

describe('SIGINT / SIGTERM', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, partial report.json, nothing csc- left', async (signal, exit) => {
    const reports = path.join(work, `sig-${signal}`);
    const run = await interruptedRun(reports, 7, signal, 1500);
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(exit);
    expect(run.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
    expect(existsSync(path.join(reports, 'report.json'))).toBe(true);
    await expectCleanMock();
  }, 30_000);
});
