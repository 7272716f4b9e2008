// Against a real moto server, as a mock author would run the suite: moto has no CopySnapshot (HTTP 500,
// an HTML page), so the run must say so in its first line, stop early, pass nothing, and count honestly.
// Skipped (with the reason) when moto is not installed: `../shared/targets/moto/setup.sh` builds it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCacheClusterCommand, CreateSnapshotCommand, DescribeSnapshotsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { asReportCounts, nonZero, startLoggingProxy, type LoggingProxy } from '../fixtures/logging-proxy.js';
import { motoPython, startMoto, type Moto } from '../fixtures/moto.js';

const python = motoPython();
const bin = path.resolve('bin/copysnapshot-conformance.js');
const env = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };

interface Report {
  rules: { id: string; verdict: string }[];
  counts: { total: number; byAction: Record<string, number>; byPhase: Record<string, number> };
  diagnosis?: { copySnapshot: string; line: string };
  rootCauses: { cause: string; rules: string[] }[];
}

describe.skipIf(!python)(`moto (${python ?? 'not installed: run ../shared/targets/moto/setup.sh'})`, () => {
  let moto: Moto;
  let proxy: LoggingProxy;
  let client: ElastiCacheClient;

  beforeAll(async () => {
    moto = await startMoto(python!);
    proxy = await startLoggingProxy(moto.url);
    client = new ElastiCacheClient({ region: 'us-east-1', endpoint: moto.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'moto-cluster', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    await client.send(new CreateSnapshotCommand({ CacheClusterId: 'moto-cluster', SnapshotName: 'moto-src' }));
  }, 90_000);
  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await moto?.stop();
  });

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; report: Report }> {
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-moto-'));
    const result = await promisify(execFile)(process.execPath, [bin, 'run', '--endpoint', proxy.url, '--reports', reports, ...args], { env, timeout: 120_000 })
      .then((r) => ({ code: 0, ...r }))
      .catch((e: { code?: number; stdout: string; stderr: string }) => ({ code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr }));
    return { ...result, report: JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as Report };
  }

  for (const [label, args] of [
    ['with a source snapshot', ['--source-snapshot', 'moto-src']],
    ['discovering the source itself', []],
  ] as const) {
    it(`${label}: first line names the cause, exit 1, nothing passes, at most 200 requests, counts match the wire`, async () => {
      const before = proxy.total;
      const before_ = { ...proxy.byAction };
      const { code, stderr, report } = await run([...args]);
      expect(code, stderr).toBe(1);
      expect(stderr.split('\n')[0]).toMatch(/^CopySnapshot is not implemented at http:\/\/127\.0\.0\.1:\d+: 12 of 12 answers were HTTP 500 text\/html page \(DescribeSnapshots answers normally\)$/);
      expect(report.diagnosis?.copySnapshot).toBe('not-implemented');
      expect(report.rules.filter((r) => r.verdict === 'pass')).toEqual([]);
      expect(report.rules.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(['envelope.no-5xx']);
      expect(report.rootCauses.map((g) => g.cause)).toEqual(['HTTP 500 text/html page']);
      expect(stderr).not.toMatch(/DOCTYPE/);
      const sent = proxy.total - before;
      expect(sent).toBeLessThanOrEqual(200);
      expect(report.counts.total).toBe(sent);
      const delta = Object.fromEntries(Object.entries(proxy.byAction).map(([a, n]) => [a, n - (before_[a] ?? 0)]));
      expect(nonZero(report.counts.byAction)).toEqual(nonZero(asReportCounts(delta)));
    }, 120_000);
  }

  it('leaves nothing of the run behind on moto (names are case-preserving there)', async () => {
    const listed = await client.send(new DescribeSnapshotsCommand({}));
    expect((listed.Snapshots ?? []).map((s) => s.SnapshotName)).toEqual(['moto-src']);
  });
});
