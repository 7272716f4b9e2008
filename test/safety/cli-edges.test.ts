// The CLI at its edges: `plan` sends nothing, broken endpoints end quickly with one line and no
// stack trace, and planted credentials never reach stdout, stderr or any report file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
    expect(r.ms).toBeLessThan(30_000); // no network wait (a send would hang on the dead proxy), even on a loaded machine
    const plan = JSON.parse(r.stdout) as { totals: { creates: number } };
    expect(typeof plan.totals.creates).toBe('number');
    expect(plan.totals.creates).toBeLessThanOrEqual(3);
  }, 40_000);
});

/** A run against a broken server; `timeoutMs` short for one that never answers, longer where it does answer (a loaded machine may take over 500 ms to). */
async function againstBroken(spec: BrokenServerSpec, name: string, timeoutMs = 5_000) {
  const server = await spec.start();
  try {
    return await cli(['run', '--endpoint', server.url, '--source-snapshot', 'conformance-source', '--timeout-ms', String(timeoutMs), '--reports', path.join(work, name), '--quiet']);
  } finally {
    await server.close();
  }
}

describe('broken endpoints', () => {
  it('a server that never answers: exit 3 within ~3x the timeout, one line, no stack trace', async () => {
    const r = await againstBroken(neverAnswers, 'never', 500);
    expect(r.code, r.stderr).toBe(3);
    // no hang: bounded by 3x the timeout plus start-up; the allowance is wide because a loaded 2-core machine
    // (parallel test files) can take seconds just to start node and load the SDK
    expect(r.ms).toBeLessThan(3 * 500 + 8_000);
    expect(ownLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(stackTrace);
  }, 30_000);

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

/** A usage error: exit 2, exactly one own line on stderr naming `what`, no stack trace, nothing on stdout. */
function usageError(r: Awaited<ReturnType<typeof cli>>, what: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  const lines = ownLines(r.stderr);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(what);
  expect(r.stderr).not.toMatch(stackTrace);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stdout).toBe('');
}

describe.concurrent('numeric flags out of range', () => {
  // plan resolves the whole run config and sends nothing: every flag is checked there as in run
  it.each([
    ['--timeout-ms', '2147483648', /--timeout-ms must be a whole number from 1 to 2147483647, got "2147483648"/],
    ['--timeout-ms', '0', /--timeout-ms .*from 1 to 2147483647, got "0"/],
    ['--timeout-ms', '1.5', /--timeout-ms .*from 1 to 2147483647/],
    ['--timeout-ms', '1e3', /--timeout-ms .*from 1 to 2147483647, got "1e3"/],
    ['--timeout-ms', '0x10', /--timeout-ms .*from 1 to 2147483647, got "0x10"/],
    ['--timeout-ms', '', /--timeout-ms .*from 1 to 2147483647, got ""/],
    ['--num-runs', '0', /--num-runs must be a whole number from 1 to 1000000/],
    ['--seed', '-1', /--seed must be a whole number from 0 to 2147483647/],
    ['--seed', '0x10', /--seed .*from 0 to 2147483647/],
    ['--concurrency', '0', /--concurrency must be a whole number from 1 to 1024/],
    ['--max-creates', '-1', /--max-creates must be a whole number from 0 to 1000000/],
    ['--snapshot-quota', '-3', /--snapshot-quota must be a whole number from 0 to 1000000/],
  ])('plan %s %j: exit 2, one line naming the flag and its range', async (flag, value, message) => {
    usageError(await cli(['plan', flag, value]), message);
  });

  it.each([
    [['run', '--timeout-ms', '2147483648'], /--timeout-ms .*from 1 to 2147483647/],
    [['run', '--concurrency', '0'], /--concurrency .*from 1 to 1024/],
    [['replay', '--rule', 'tags.max-50', '--seed', '1e3', '--path', '0'], /--seed .*from 0 to 2147483647/],
    [['selftest', '--num-runs', '0'], /--num-runs .*from 1 to 1000000/],
    [['mock', '--port', '65536'], /--port must be a whole number from 0 to 65535/],
    [['mock', '--port', '0', '--settle-ms', '1e3'], /--settle-ms/],
    [['generate', '--count', '0x10', '--source-snapshot', 's'], /--count must be a whole number from 1 to 1000000/],
    [['plan', '--shard', '0/3'], /--shard "0\/3" must be I\/N/],
    [['plan', '--bucket-fixture', '__proto__=b'], /unknown bucket condition "__proto__"/],
  ])('%j: exit 2 with one line', async (argv, message) => {
    usageError(await cli(argv), message);
  });
});

describe.concurrent('config files with wrong types', () => {
  const write = (name: string, content: unknown) => {
    const file = path.join(work, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it.each([
    ['source-number.json', { fixtures: { sourceSnapshot: 5 } }, /"fixtures\.sourceSnapshot" must be a string, got a number/],
    ['max-creates-string.json', { maxCreates: '3' }, /"maxCreates" must be a number, got a string/],
    ['fixtures-array.json', { fixtures: [] }, /"fixtures" must be an object, got an array/],
    ['not-json.json', '{"numRuns": ', /failed to load/],
    ['nested.mjs', 'export default { fixtures: { sourceSnapshot: 5 } };', /"fixtures\.sourceSnapshot" must be a string/],
  ])('--config %s: exit 2, one line naming the key path', async (name, content, message) => {
    usageError(await cli(['plan', '--config', write(name, content)]), message);
  });

  it('--config of a folder or a missing file: exit 2, one line', async () => {
    usageError(await cli(['plan', '--config', work]), /is not a file/);
    usageError(await cli(['plan', '--config', path.join(work, 'no-such.mjs')]), /config file not found/);
  });
});

describe.concurrent('replay of a path that is not there', () => {
  it.each([
    ['a step past the shrink tree', '0:99999:0'],
    ['a last step past its level', '0:99999'],
  ])('%s: exit 2 with one line', async (_what, p) => {
    // a rule with a small case arbitrary: fast-check walks to a path one value at a time
    usageError(await cli(['replay', '--rule', 'names.source-not-found', '--seed', '1', '--path', p, '--reports', path.join(work, 'replay-missing')]), new RegExp(`--path ${p} names no case of names\\.source-not-found`));
  }, 30_000);

  it.each([
    ['a file path', '/no/such/path'],
    ['a number that would take forever to reach', '99999999999999999999'],
    ['empty', ''],
    ['not numbers', '3:a:1'],
  ])('--path as %s: exit 2 at once', async (_what, p) => {
    const r = await cli(['replay', '--rule', 'tags.max-50', '--seed', '1', '--path', p]);
    usageError(r, /--path/);
    // "at once" against "forever": a wide bound, since a loaded 2-core machine takes seconds to start node itself
    expect(r.ms).toBeLessThan(30_000);
  });

  it('a positional file, an unknown rule, a missing --rule: exit 2 with one line', async () => {
    usageError(await cli(['replay', '/no/such/file.json']), /unexpected argument "\/no\/such\/file\.json"/);
    usageError(await cli(['replay', '--rule', 'no.such-rule', '--seed', '1', '--path', '0']), /unknown rule "no\.such-rule"/);
    usageError(await cli(['replay', '--seed', '1', '--path', '0']), /--rule ID is required/);
  });
});

describe.concurrent('--help', () => {
  const dispatched = ['run', 'plan', 'rules', 'replay', 'cleanup', 'selftest', 'mock', 'compare', 'merge-reports', 'generate', 'record', 'diff'];

  it('covers every command main dispatches', async () => {
    const r = await cli(['no-such-command']);
    usageError(r, /unknown command/);
    const listed = /\(commands: ([^;]+);/.exec(r.stderr)?.[1]?.split(', ') ?? [];
    expect(listed.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual([...dispatched].sort());
  });

  it.each([...dispatched.map((c) => [c, '--help']), ['run', '-h'], ['cleanup', '-h'], ['mock', '-h']])('%s %s: exit 0, usage on stdout, nothing on stderr', async (command, flag) => {
    const r = await cli([command, flag]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`usage: copysnapshot-conformance ${command === 'run' ? '<command>' : command}`, 'i'));
    expect(ownLines(r.stderr)).toEqual([]);
  });

  it.each([['help', 'cleanup', /usage: copysnapshot-conformance cleanup/i], ['help', 'mock', /usage: copysnapshot-conformance mock/i]])('%s %s: exit 0, that command\'s usage', async (help, command, text) => {
    const r = await cli([help, command]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(text);
  });

  it('--help wins over missing required flags', async () => {
    const r = await cli(['replay', '--seed', '1', '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/--rule ID --seed S --path P/);
  });

  it.each(['constructor', '__proto__'])('%s is an unknown command (exit 2), not an internal error', async (name) => {
    usageError(await cli([name]), new RegExp(`unknown command "${name}"`));
  });
});
