// `mock --mutant ID` serves a planted bug over HTTP: a user watches the suite catch it, and the pristine
// mock on the same rules passes.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const env = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' };
const children: ChildProcess[] = [];

/** Start `mock --port 0 …` and resolve with its banner once it has printed its URL. */
function serve(args: string[]): Promise<{ url: string; banner: string[] }> {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const banner: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock exited (${code})`)));
    lines.on('line', (line) => {
      banner.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(banner[0] ?? '')?.[1];
      if (url && banner.length >= 3) resolve({ url, banner });
    });
  });
}

async function run(url: string, rules: string): Promise<{ code: number; stderr: string; reports: string }> {
  const reports = mkdtempSync(path.join(tmpdir(), 'csc-mutant-'));
  return promisify(execFile)(process.execPath, [bin, 'run', '--endpoint', url, '--rules', rules, '--reports', reports, '--seed', '1'], { env })
    .then((r) => ({ code: 0, stderr: r.stderr, reports }))
    .catch((e: { code?: number; stderr: string }) => ({ code: e.code ?? -1, stderr: e.stderr, reports }));
}

const hasCurl = existsSync('/usr/bin/curl') || existsSync('/bin/curl');

afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

describe('mock banner', () => {
  it('names the flag each seeded fixture serves, and its run line leaves only the quota rule skipped', async () => {
    const { url, banner } = await serve([]);
    const text = banner.join('\n');
    expect(text).toMatch(/snapshot conformance-pending \(creating.*--pending-snapshot conformance-pending/);
    expect(text).toMatch(/bucket conformance-no-write\s+--bucket-fixture no-write=conformance-no-write/);
    await expect.poll(() => banner.some((l) => l.includes('copysnapshot-conformance run --endpoint')), { timeout: 10_000 }).toBe(true);
    const line = banner.find((l) => l.includes('copysnapshot-conformance run --endpoint'))!.trim().split(' ');
    expect(line.slice(0, 4)).toEqual(['copysnapshot-conformance', 'run', '--endpoint', url]);
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-banner-'));
    const result = await promisify(execFile)(process.execPath, [bin, ...line.slice(1), '--reports', reports, '--num-runs', '5', '--seed', '3'], { env })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code?: number; stdout: string; stderr: string }) => ({ code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/56 passed, 0 failed, 1 skipped/);
    expect(result.stderr).toMatch(/SKIP\s+quota\.snapshot-quota .*--snapshot-quota N/);
  }, 120_000);
});

describe('mock --mutant', () => {
  it('serves the planted bug, says so in its banner, and the suite fails the rule it breaks', async () => {
    const { url, banner } = await serve(['--mutant', 'not-found-400']);
    expect(banner[0]).toMatch(/^planted-bug mock "not-found-400" listening on /);
    expect(banner.join('\n')).toMatch(/planted bug: SnapshotNotFoundFault comes with HTTP 400/);
    const result = await run(url, 'names.source-not-found');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^FAIL\s+names\.source-not-found/m);
    // the printed curl line sends the shrunk request again and gets the same wrong answer
    const report = JSON.parse(readFileSync(path.join(result.reports, 'report.json'), 'utf8')) as { rules: { id: string; failure?: { curl?: string } }[] };
    const curl = report.rules.find((r) => r.id === 'names.source-not-found')!.failure!.curl!;
    expect(curl).toMatch(/^curl -sS -i -X POST /);
    expect(result.stderr).toContain(`curl: ${curl}`);
    if (hasCurl) {
      const sent = await promisify(execFile)('bash', ['-c', curl], { env });
      expect(sent.stdout).toMatch(/^HTTP\/1\.1 400 /);
      expect(sent.stdout).toContain('<Code>SnapshotNotFoundFault</Code>');
    }
  });

  it('the pristine mock passes the same rule', async () => {
    const { url } = await serve([]);
    const result = await run(url, 'names.source-not-found');
    expect(result.code, result.stderr).toBe(0);
  });

  it('an unknown planted bug is a usage error naming --list-mutants', async () => {
    const result = await promisify(execFile)(process.execPath, [bin, 'mock', '--port', '0', '--mutant', 'no-such-bug'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/no planted bug "no-such-bug" \(--list-mutants/);
  });
});
