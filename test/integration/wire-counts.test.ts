// The report's request counts are what went over the wire: a logging proxy between the run and the
// reference mock (over HTTP) counts every request by action, and the report must say the same.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { asReportCounts, nonZero, startLoggingProxy, type LoggingProxy } from '../fixtures/logging-proxy.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
let mock: MockServer;
let proxy: LoggingProxy;

beforeAll(async () => {
  mock = await startMockServer({ settleMs: 20 });
  proxy = await startLoggingProxy(mock.url);
});
afterAll(async () => {
  await proxy?.close();
  await mock?.close();
});

describe('request counts against a logging proxy', () => {
  it('a whole run over HTTP: the report counts exactly what the proxy saw, by action and in total', async () => {
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-counts-'));
    const env = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };
    // every rule with 10 cases each (not the default 25): still several hundred requests of every action, each
    // of which must be counted exactly
    const run = await promisify(execFile)(process.execPath, [bin, 'run', '--endpoint', proxy.url, '--reports', reports, '--seed', '5', '--num-runs', '10'], { env, timeout: 120_000 }).catch((e: { code?: number; stderr: string }) => e);
    expect((run as { code?: number }).code ?? 0, (run as { stderr: string }).stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { requests: number; counts: { total: number; byAction: Record<string, number>; byPhase: Record<string, number> } };
    expect(proxy.total).toBeGreaterThan(500);
    expect(report.counts.total).toBe(proxy.total);
    expect(nonZero(report.counts.byAction)).toEqual(nonZero(asReportCounts(proxy.byAction)));
    expect(Object.values(report.counts.byPhase).reduce((a, b) => a + b, 0)).toBe(proxy.total);
    // cleanup sends DeleteSnapshot only for what exists: never more deletes than creates
    const creates = readFileSync(path.join(reports, 'ledger.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"answer"') && l.includes('"status":200')).length;
    expect(proxy.byAction.DeleteSnapshot ?? 0).toBeLessThanOrEqual(creates);
  }, 150_000);
});
