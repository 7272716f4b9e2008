// The CLI at its edges: `plan` sends nothing, broken endpoints end quickly with one line and no
// stack trace, and planted credentials never reach stdout, stderr or any report file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock/index.js';
import { answersJson, answersNonXml, errorWith200, neverAnswers, type BrokenServerSpec } from '../fixtures/broken-servers.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-safety-edges-'));
const stackTrace = /\n\s+at .+:\d+:\d+/;

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', ...env },
      timeout: 40_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
  }
}

/** stderr without the SDK's harmless Node-20 support warning. */
const ownLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !/NodeVersionSupportWarning|node\.js version|aws-sdk-js|Node\.js/i.test(l));

describe('plan', () => {
  it('prints the JSON plan with at most 3 creates and sends nothing', async () => {
    // A real AWS endpoint: any send would need network and credentials; plan must not try.
    const r = await cli(['plan', '--endpoint', 'https://elasticache.us-east-1.amazonaws.com', '--source-snapshot', 's', '--json'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    const plan = JSON.parse(r.stdout) as { totals: { creates: number } };
    expect(typeof plan.totals.creates).toBe('number');
    expect(plan.totals.creates).toBeLessThanOrEqual(3);
  }, 20_000);
});

async function againstBroken(spec: BrokenServerSpec, name: string) {
  const server = await spec.start();
  try {
    return await cli(['run', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--timeout-ms', '500', '--reports', path.join(work, name), '--quiet']);
  } finally {
    await server.close();
  }
}

describe('broken endpoints', () => {
  it('a server that never answers: exit 3 within ~3x the timeout, one line, no stack trace', async () => {
    const r = await againstBroken(neverAnswers, 'never');
    expect(r.code, r.stderr).toBe(3);
    expect(r.ms).toBeLessThan(3 * 500 + 2_500); // node + SDK start-up allowance on top of 3x the timeout
    expect(ownLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(stackTrace);
  }, 20_000);

  it.each([
    ['non-XML', answersNonXml],
    ['JSON protocol', answersJson],
    ['200 with ErrorResponse', errorWith200],
  ] as const)('a server answering %s: exit 1 or 3, no stack trace', async (name, spec) => {
    const r = await againstBroken(spec, name.replace(/\W+/g, '-'));
    expect([1, 3], r.stderr).toContain(r.code);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.stdout).not.toMatch(stackTrace);
    if (r.code === 3) {
      expect(ownLines(r.stderr)).toHaveLength(1);
      if (spec !== errorWith200) expect(r.stderr).toMatch(/Query protocol/);
    }
  }, 30_000);
});

describe('unavailable source', () => {
  it('a source snapshot the endpoint does not have: no internal error (exit 4), no stack trace', async () => {
    const server = await startMockServer({ settleMs: 20 });
    try {
      const r = await cli(['run', '--endpoint', server.url, '--source-snapshot', 'no-such-source', '--num-runs', '3', '--seed', '1', '--reports', path.join(work, 'no-source'), '--quiet']);
      expect(r.stderr).not.toMatch(/internal error/);
      expect([0, 1, 2, 3], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(stackTrace);
    } finally {
      await server.close();
    }
  }, 30_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('secrets', () => {
  it('planted credentials sign the requests but never reach output or reports', async () => {
    const secret = 'planted/secret/Value+1234567890abcdef';
    const token = 'PlantedSessionToken0123456789';
    const server = await startMockServer({ settleMs: 20 });
    const reports = path.join(work, 'secrets');
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(
        ['run', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--num-runs', '5', '--seed', '3', '--reports', reports],
        { AWS_ACCESS_KEY_ID: 'AKIAPLANTEDKEY123456', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token, AWS_PROFILE: '' },
      );
    } finally {
      await server.close();
    }
    expect([0, 1], r.stderr).toContain(r.code);
    const files = filesUnder(reports);
    expect(files.some((f) => f.endsWith('report.json'))).toBe(true);
    // Also the URL-encoded form the secret would take in a query string or form body.
    const needles = [secret, encodeURIComponent(secret), token];
    for (const [where, text] of [['stdout', r.stdout], ['stderr', r.stderr], ...files.map((f) => [f, readFileSync(f, 'utf8')])] as const)
      for (const needle of needles) expect(text.includes(needle), `${needle} in ${where}`).toBe(false);
  }, 45_000);
});
