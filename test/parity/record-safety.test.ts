// record against a real endpoint is as safe as run: AWS needs --allow-aws (nothing sent, no file without it),
// --max-creates bounds what it creates (counted from the ledger's 200 answers), and what it made is cleaned up.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { parseCassette } from '../../harness/parity/cassette.js';
import { bin, cleanEnv, runCli } from '../fixtures/cli.js';

// child processes on a loaded 2-core machine: generous, these wait on signals, never on fixed delays
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const work = mkdtempSync(path.join(tmpdir(), 'csc-record-safety-'));
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ settleMs: 20 });
});
afterAll(async () => {
  await server?.close();
});

const ledgerLines = (reports: string) =>
  readFileSync(path.join(reports, 'ledger.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: string; status?: number });

describe('record', () => {
  it('refuses real AWS without --allow-aws, before sending anything or writing the cassette', async () => {
    const out = path.join(work, 'aws.jsonl');
    const r = await runCli(['record', '--region', 'us-east-1', '--out', out, '--reports', path.join(work, 'aws')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--allow-aws/);
    expect(existsSync(out)).toBe(false);
  });

  it('--max-creates 3 over HTTP: at most 3 creates, all of them deleted again, and the cassette says what was skipped', async () => {
    const reports = path.join(work, 'budget');
    const out = path.join(work, 'budget.jsonl');
    const r = await runCli(['record', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--max-creates', '3', '--seed', '5', '--out', out, '--reports', reports, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const lines = ledgerLines(reports);
    const created = lines.filter((e) => e.event === 'answer' && e.status === 200).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(3);
    expect(r.stdout).toMatch(new RegExp(`${created} snapshot\\(s\\) created and cleaned up`));
    // nothing of the run is left on the endpoint
    const cassette = parseCassette(readFileSync(out, 'utf8'));
    const listing = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=50' });
    const body = await listing.text();
    expect(body).toMatch(/<DescribeSnapshotsResponse/);
    expect(body.toLowerCase()).not.toContain(cassette.header.namePrefix);
    expect(Object.values(cassette.header.skipped).some((why) => /--max-creates/.test(why))).toBe(true);
  });

  it('Ctrl-C part way: exit 130, no cassette, and what it had made is deleted', async () => {
    const reports = path.join(work, 'interrupted');
    const out = path.join(work, 'interrupted.jsonl');
    const child = spawn(process.execPath, [bin, 'record', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--seed', '9', '--out', out, '--reports', reports], { env: cleanEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // the signal goes once the sequence is under way (a progress line is the readiness signal), never after a delay
    let sent = false;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!sent && /^recorded\s+\d+ steps\s+uniqueness\./.test(line)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(await exited).toBe(130);
    expect(sent).toBe(true);
    expect(existsSync(out)).toBe(false);
    const created = ledgerLines(reports).filter((e) => e.event === 'answer' && e.status === 200).length;
    expect(created).toBeGreaterThan(0);
    const listing = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=50' });
    expect((await listing.text()).toLowerCase()).not.toMatch(/csc-[a-z0-9]{8}-/);
  });
});
