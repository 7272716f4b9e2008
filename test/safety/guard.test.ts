// `cleanup --guard`, the process describeConformance starts beside each run against an endpoint: told `closed`,
// it leaves at once without sending a request; when its pipe closes without `closed` (the run's process died,
// however), or it is told `now`, it deletes what the ledger's run made.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopySnapshotCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { Ledger } from '../../harness/run/ledger.js';
import { createReferenceMock, type ReferenceMock } from '../../mock/handlers.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { bin, cleanEnv } from '../fixtures/cli.js';
import { startLoggingProxy, type LoggingProxy } from '../fixtures/logging-proxy.js';

const work = mkdtempSync(path.join(tmpdir(), 'csc-guard-'));
let mock: ReferenceMock;
let server: MockServer;
let proxy: LoggingProxy;

const stored = () => [...mock.store.snapshots.keys()].filter((n) => n.startsWith('csc-'));

/** A copy made on the mock by run `runId`, with the ledger lines a run writes for it. */
async function copyOfRun(runId: string): Promise<string> {
  const name = `csc-${runId}-x`;
  const client = new ElastiCacheClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  await client.send(new CopySnapshotCommand({ SourceSnapshotName: 'conformance-source', TargetSnapshotName: name }));
  client.destroy();
  const file = path.join(work, `${runId}.jsonl`);
  const ledger = new Ledger(runId, file);
  ledger.intent(name);
  ledger.answer(name, 200);
  ledger.close();
  return file;
}

/** The guard on that ledger, through the proxy; `words` are written to its pipe, then the pipe is closed. */
function guard(ledger: string, words: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [bin, 'cleanup', '--endpoint', proxy.url, '--ledger', ledger, '--guard', '--grace-ms', '0'], { env: cleanEnv, stdio: ['pipe', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stdin.end(words);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

beforeAll(async () => {
  mock = createReferenceMock({ settleMs: 0 });
  server = await startMockServer({ handlers: mock.handlers });
  proxy = await startLoggingProxy(server.url);
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

describe('cleanup --guard', () => {
  it('told `closed`: exits 0 at once, sends nothing, deletes nothing', async () => {
    const ledger = await copyOfRun('guardclosed');
    const before = proxy.total;
    const result = await guard(ledger, 'closed\n');
    expect(result.code).toBe(0);
    expect(proxy.total - before).toBe(0);
    expect(stored()).toContain('csc-guardclosed-x');
    mock.store.remove('csc-guardclosed-x');
  });

  it.each([
    ['its pipe closes with nothing said (the run died)', 'guardgone', ''],
    ['told `now` (the run was interrupted)', 'guardnow', 'now\n'],
  ])('%s: deletes what the run made', async (_label, runId, words) => {
    const ledger = await copyOfRun(runId);
    const before = proxy.total;
    const result = await guard(ledger, words);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/deleted 1\b/);
    expect(proxy.total - before).toBeGreaterThan(0);
    expect(stored()).not.toContain(`csc-${runId}-x`);
  });
});
