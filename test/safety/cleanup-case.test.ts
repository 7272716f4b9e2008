// Cleanup on a case-preserving endpoint (as moto is): the names the run created are deleted under the
// spelling the endpoint stored, confirmed gone, and `cleanup --ledger` finishes what a killed run left.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { runCli } from '../fixtures/cli.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-cleanup-case-'));
const cleanEnv = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };

let server: MockServer;
let client: ElastiCacheClient;

async function ownedLeft(): Promise<string[]> {
  const names: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new DescribeSnapshotsCommand({ MaxRecords: 50, Marker }));
    for (const s of page.Snapshots ?? []) names.push(s.SnapshotName!);
    Marker = page.Marker;
  } while (Marker);
  return names.filter((n) => n.toLowerCase().startsWith('csc-'));
}

const cli = (args: string[]) => runCli(args, { env: cleanEnv, timeoutMs: 60_000 });

const ledgerLines = (reports: string) =>
  readFileSync(path.join(reports, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: string; name: string; also?: string[]; status?: number });

beforeAll(async () => {
  server = await startMockServer({ settleMs: 20, preserveCase: true });
  client = new ElastiCacheClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe('a run against a case-preserving endpoint', () => {
  it('creates mixed-case copies and leaves none of them behind', async () => {
    const reports = path.join(work, 'full');
    // every rule, 5 cases each (not the default 25): the copies it makes, mixed-case ones among them (checked
    // below), are what the test is about, not how many
    const run = await cli(['run', '--endpoint', server.url, '--reports', reports, '--seed', '7', '--num-runs', '5']);
    // the endpoint is not conforming (it keeps case), so the run fails some rules
    expect(run.code, run.stderr).toBe(1);
    const created = ledgerLines(reports).filter((e) => e.event === 'answer' && e.status === 200);
    // what makes the test bite: copies whose stored name differs from its lowercase were made
    expect(created.some((e) => e.name !== e.name.toLowerCase())).toBe(true);
    expect(await ownedLeft()).toEqual([]);
    // every created name got a confirmed `deleted` line
    const deleted = new Set(ledgerLines(reports).filter((e) => e.event === 'deleted').map((e) => e.name));
    for (const e of created) expect(deleted.has(e.name), e.name).toBe(true);
    // cleanup deleted what existed, not every name it ever sent
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { counts: { byAction: Record<string, number>; byPhase: Record<string, number> } };
    expect(report.counts.byPhase.cleanup).toBeLessThanOrEqual(created.length + 10);
  }, 90_000);

  it('a request with duplicate TargetSnapshotName keys is ledgered under every name it carries', async () => {
    const reports = path.join(work, 'wire');
    const run = await cli(['run', '--endpoint', server.url, '--reports', reports, '--rules', 'wire.duplicate-form-keys', '--seed', '3']);
    expect([0, 1], run.stderr).toContain(run.code);
    const intents = ledgerLines(reports).filter((e) => e.event === 'intent');
    expect(intents.some((e) => (e.also ?? []).length > 0)).toBe(true);
    expect(await ownedLeft()).toEqual([]);
  }, 60_000);
});

describe('cleanup --ledger after SIGKILL on a case-preserving endpoint', () => {
  it('deletes every mixed-case copy the killed run left', async () => {
    const reports = path.join(work, 'killed');
    const child = spawn(process.execPath, [bin, 'run', '--endpoint', server.url, '--reports', reports, '--seed', '11', '--rules', 'uniqueness.*,post-state.*,names.*', '--num-runs', '10', '--no-guard'], { env: cleanEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let rules = 0;
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (/^(PASS|FAIL|WARN|SKIP|INCONCLUSIVE)\s/.test(line)) rules++;
      if (rules >= 4) child.kill('SIGKILL');
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(exit).toBe('SIGKILL');
    const leftByKill = await ownedLeft();
    expect(leftByKill.length).toBeGreaterThan(0);
    expect(leftByKill.some((n) => n !== n.toLowerCase())).toBe(true);
    const first = await cli(['cleanup', '--endpoint', server.url, '--ledger', path.join(reports, 'ledger.jsonl')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`deleted ${leftByKill.length},`));
    expect(await ownedLeft()).toEqual([]);
    const second = await cli(['cleanup', '--endpoint', server.url, '--ledger', path.join(reports, 'ledger.jsonl')]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/nothing to delete/);
  }, 90_000);
});

describe('cleanup --ledger when the endpoint is gone', () => {
  it('gives up after a few silent rounds, exit 1, naming what is left (no ten-minute wait)', async () => {
    const gone = await startMockServer({});
    const url = gone.url;
    await gone.close();
    const file = path.join(work, 'gone.jsonl');
    writeFileSync(file, `${JSON.stringify({ event: 'intent', runId: 'zzgone01', name: 'csc-zzgone01-a', at: new Date().toISOString() })}\n${JSON.stringify({ event: 'answer', runId: 'zzgone01', name: 'csc-zzgone01-a', status: 200, at: new Date().toISOString() })}\n`);
    const result = await cli(['cleanup', '--endpoint', url, '--ledger', file]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/left 1 \(csc-zzgone01-a\)/);
    expect(result.stderr).toMatch(/does not answer/);
  }, 60_000);
});

describe('cleanup --ledger of a file that is not a ledger', () => {
  it.each([
    ['missing', () => path.join(work, 'no-such-ledger.jsonl'), /no ledger at/],
    ['a folder', () => (mkdirSync(path.join(work, 'a-folder'), { recursive: true }), path.join(work, 'a-folder')), /is a folder/],
    ['garbage', () => (writeFileSync(path.join(work, 'garbage.jsonl'), 'not json\n{"x":1}\n'), path.join(work, 'garbage.jsonl')), /is not a ledger/],
  ])('%s: exit 2 with one line', async (_label, file, message) => {
    const result = await cli(['cleanup', '--endpoint', server.url, '--ledger', file()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
