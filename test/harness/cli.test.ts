// The CLI as a user runs it: exit codes, one-line errors, verdicts that agree across targets,
// and replay commands that reproduce a failure. Runs the compiled CLI (npm test builds first).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/index.js';
import type { ReportJson } from '../../reports/index.js';

const run = promisify(execFile);
const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-cli-'));

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: work, env: { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', ...env }, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

const report = (dir: string) => JSON.parse(readFileSync(path.join(work, dir, 'report.json'), 'utf8')) as ReportJson;
const verdicts = (r: ReportJson) => Object.fromEntries(r.rules.map((x) => [x.id, x.verdict]));

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ settleMs: 20 });
});
afterAll(async () => {
  await server.close();
});

describe('copysnapshot-conformance run', () => {
  it('passes against the embedded reference mock (through vitest) and writes the reports', async () => {
    // 5 cases a rule: the point is the exit code, the summary and the reports
    const { code, stdout } = await cli(['run', '--seed', '7', '--num-runs', '5', '--reports', 'embedded', '--quiet']);
    expect(stdout).toMatch(/passed, 0 failed/);
    expect(code).toBe(0);
    const r = report('embedded');
    expect(r.summary.fail).toBe(0);
    expect(r.summary.warn).toBe(0);
    expect(r.rules.length).toBeGreaterThanOrEqual(50);
  });

  it('gives the same verdicts against the mock over HTTP as in-process', async () => {
    const fixtures = ['--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--export-bucket', 'conformance-export-ok', '--existing-export-target', 'conformance-existing'];
    for (const [c, b] of Object.entries({ 'outside-region': 'conformance-other-region', 'not-owned': 'conformance-not-owned', 'caller-denied': 'conformance-denied', 'object-exists': 'conformance-has-object', 'no-read': 'conformance-no-read', 'no-write': 'conformance-no-write', 'no-read-acp': 'conformance-no-read-acp' }))
      fixtures.push('--bucket-fixture', `${c}=${b}`);
    // two independent processes, side by side; 5 cases a rule: every rule's verdict is compared, over each target
    const [http, local] = await Promise.all([
      cli(['run', '--endpoint', server.url, ...fixtures, '--seed', '7', '--num-runs', '5', '--reports', 'http', '--quiet']),
      cli(['run', '--in-process', '--seed', '7', '--num-runs', '5', '--reports', 'local', '--quiet']),
    ]);
    expect(http.code).toBe(0);
    expect(local.code).toBe(0);
    expect(verdicts(report('http'))).toEqual(verdicts(report('local')));
  });

  it('creates its own source with --cluster, runs against it, and deletes it afterwards', async () => {
    const { code } = await cli(['run', '--endpoint', server.url, '--cluster', 'conformance-cluster', '--rules', 'uniqueness,names.source-not-found', '--num-runs', '5', '--seed', '5', '--reports', 'cluster', '--in-process', '--quiet']);
    expect(code).toBe(0);
    const r = report('cluster');
    const source = (r.config.fixtures as { sourceSnapshot: string }).sourceSnapshot;
    expect(source).toMatch(/^csc-[a-z0-9]+-source$/);
    expect(r.summary.warn + r.summary.fail).toBe(0);
    const { ElastiCacheClient, DescribeSnapshotsCommand } = await import('@aws-sdk/client-elasticache');
    const client = new ElastiCacheClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    const listed = await client.send(new DescribeSnapshotsCommand({ MaxRecords: 50 }));
    expect(listed.Snapshots!.map((s) => s.SnapshotName).filter((n) => n!.startsWith(`csc-${r.runId}`))).toEqual([]);
  });

  it('exits 3 with one line when the endpoint refuses connections', async () => {
    const closed = await startMockServer();
    const url = closed.url;
    await closed.close();
    const { code, stderr } = await cli(['run', '--endpoint', url, '--timeout-ms', '2000', '--reports', 'down']);
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unreachable/);
  });

  it('refuses real AWS without --allow-aws, before sending anything', async () => {
    for (const args of [['--endpoint', 'https://elasticache.us-east-1.amazonaws.com'], ['--region', 'eu-west-1']]) {
      const { code, stderr } = await cli(['run', ...args]);
      expect(code).toBe(2);
      expect(stderr).toContain('--allow-aws');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.each([
    [['run', '--bogus']],
    [['run', '--num-runs', '-1']],
    [['run', '--timeout-ms', 'abc']],
    [['run', '--endpoint', 'not a url']],
    [['run', '--rules', 'no.such-rule']],
    [['frobnicate']],
  ])('%j is exit 2 with one line and no stack trace', async (args) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(1 + (args[0] === 'frobnicate' ? 0 : 0));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a config file that throws is exit 2', async () => {
    writeFileSync(path.join(work, 'bad.config.mjs'), 'throw new Error("broken config")');
    const { code, stderr } = await cli(['run', '--config', 'bad.config.mjs']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken config/);
  });

  it('reports listed known deviations without failing, and listed rules that now pass', async () => {
    const mockModule = path.resolve('dist/mock/index.js');
    writeFileSync(path.join(work, 'buggy51.mjs'), `import { mutants } from ${JSON.stringify(mockModule)};\nexport default mutants.find((m) => m.id === 'accepts-51-tags').create().handlers;\n`);
    writeFileSync(path.join(work, 'known.json'), JSON.stringify({ 'tags.max-50': 'our fake allows 51 tags (ticket 12)', 'tags.key-max-128': 'listed but fixed' }));
    // the listed run and the unlisted one are independent processes: side by side
    const [{ code, stderr }, strict] = await Promise.all([
      cli(['run', '--handlers', 'buggy51.mjs', '--rules', 'tags.max-50,tags.key-max-128', '--expect-failures', 'known.json', '--seed', '3', '--reports', 'known', '--quiet']),
      cli(['run', '--handlers', 'buggy51.mjs', '--rules', 'tags.max-50', '--seed', '3', '--reports', 'unlisted', '--quiet']),
    ]);
    expect(code).toBe(0);
    const r = report('known');
    expect(r.rules.find((x) => x.id === 'tags.max-50')!.verdict).toBe('known-deviation');
    expect(r.summary.unexpectedPasses).toEqual(['tags.key-max-128']);
    expect(stderr).toContain('tags.key-max-128');
    expect(strict.code).toBe(1);
  });

  it('reports a planted bug with a replay command that reproduces it', async () => {
    const mockModule = path.resolve('dist/mock/index.js');
    writeFileSync(path.join(work, 'buggy.mjs'), `import { mutants } from ${JSON.stringify(mockModule)};\nexport const handlers = mutants.find((m) => m.id === 'accepts-51-tags').create().handlers;\n`);
    const { code } = await cli(['run', '--handlers', 'buggy.mjs', '--rules', 'tags.max-50', '--seed', '3', '--reports', 'buggy', '--quiet']);
    expect(code).toBe(1);
    const failure = report('buggy').rules.find((r) => r.id === 'tags.max-50')!.failure!;
    expect(failure.sdkInput).toBeDefined();
    expect((failure.sdkInput as { Tags: unknown[] }).Tags).toHaveLength(51);
    expect(failure.replay).toContain('--rule tags.max-50');
    const replay = failure.replay.replace(/^copysnapshot-conformance /, '').split(' ').map((a) => a.replace(/^'|'$/g, ''));
    const again = await cli(replay);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('tags.max-50');
    expect(again.stdout).toContain('TagQuotaPerResourceExceeded');
  });
});
