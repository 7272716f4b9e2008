// Secrets never reach stdout, stderr, the reports or the ledger. End to end: the built CLI against a loopback
// server that echoes every request (Authorization included) into its error answers and leaks planted secrets
// on top; loopback endpoints get dummy credentials, so the planted ones are never even sent. As a unit: the
// non-loopback signing path with planted credentials, through the stream wrapper, the report writer and the ledger.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { excerpt } from '../../harness/checks/outcome.js';
import { parseCassette, responseBody } from '../../harness/parity/cassette.js';
import { installStreamRedaction, redact } from '../../protocol/redact.js';
import { Ledger } from '../../harness/run/ledger.js';
import { firstLine } from '../../harness/transport/errors.js';
import { createSigner, credentialsFor, loopbackCredentials } from '../../harness/transport/signing.js';
import { writeReports } from '../../reports/index.js';
import { makeRunResult } from '../reports/fixture.js';

const bin = path.resolve('bin/copysnapshot-conformance.js');
const work = mkdtempSync(path.join(tmpdir(), 'csc-secrets-'));

const planted = {
  accessKeyId: 'AKIAPLANTEDKEY123456',
  secretAccessKey: 'pLaNtEdSeCrEtKeY/0123456789+abcdefghijKL',
  sessionToken: `IQoJb3JpZ2luX2Vj${Array.from({ length: 8 }, (_, i) => createHash('sha512').update(`planted-token-${i}`).digest('base64')).join('')}`.slice(0, 700),
};

/**
 * Every 16-character piece of `secret` found in `text`. Any 16-character piece holds a whole aligned 8-character
 * block of the secret, so only the pieces around a block the text holds are looked for (reports run to
 * megabytes, and a token has 685 pieces).
 */
function pieces(text: string, secret: string, size = 16): string[] {
  const block = size / 2;
  const found = new Set<string>();
  for (let b = 0; b + block <= secret.length; b += block) {
    if (!text.includes(secret.slice(b, b + block))) continue;
    for (let i = Math.max(0, b - block); i <= b && i + size <= secret.length; i++) if (text.includes(secret.slice(i, i + size))) found.add(secret.slice(i, i + size));
  }
  return [...found];
}

/** What must be in none of the outputs: the secret, the token, any 16-character piece of either, a signature. */
function expectNoSecrets(name: string, text: string, extra: string[] = []): void {
  expect(planted.secretAccessKey.length, 'planted secret length').toBe(40);
  expect(planted.sessionToken.length, 'planted token length').toBe(700);
  expect(text.includes(planted.secretAccessKey), `${name}: secret access key`).toBe(false);
  expect(text.includes(planted.sessionToken), `${name}: session token`).toBe(false);
  expect(pieces(text, planted.sessionToken), `${name}: 16-character pieces of the token`).toEqual([]);
  expect(pieces(text, planted.secretAccessKey), `${name}: 16-character pieces of the secret`).toEqual([]);
  expect(text.match(/Signature=[0-9a-f]{16,}/gi) ?? [], `${name}: Signature=<hex>`).toEqual([]);
  for (const value of extra) expect(text.includes(value), `${name}: ${value.slice(0, 12)}…`).toBe(false);
}

/** All files under `dir` (the reports, the ledger), by path. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) Object.assign(out, filesUnder(file));
    else out[file] = readFileSync(file, 'utf8');
  }
  return out;
}

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let server: http.Server;
let url: string;

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Echoes each request's headers and body into its answer: a 400 ErrorResponse, or an HTML 500 page (GET requests,
 * requests with tags). On top it leaks the planted secrets (a server that knows them), whole token first, so a
 * 300-character excerpt taken before redaction would keep a prefix of it. IMDS paths (the server is also set as
 * AWS_EC2_METADATA_SERVICE_ENDPOINT) get a 404 and are recorded like everything else.
 */
function startEchoServer(): Promise<void> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if ((req.url ?? '').startsWith('/latest')) {
        res.writeHead(404).end();
        return;
      }
      const leak = `token ${planted.sessionToken} secret ${planted.secretAccessKey} key ${planted.accessKeyId} tail ${planted.sessionToken.slice(-300)}`;
      const echo = `${leak} headers ${JSON.stringify(req.headers)} authorization ${req.headers.authorization ?? ''} body ${body}`;
      // decided by what the case generates (never by the run's unique target names), so that a case answered 500
      // is answered 500 again when fast-check shrinks it
      if (req.method === 'GET' || body.includes('Tags.')) {
        res.writeHead(500, { 'content-type': 'text/html' }).end(`<html><body><h1>Internal error</h1><pre>${xmlText(echo)}</pre></body></html>`);
        return;
      }
      res
        .writeHead(400, { 'content-type': 'text/xml' })
        .end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>${xmlText(echo)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

/** The environment of a spawned run: no ambient AWS settings but the ones given, an empty HOME (no ~/.aws). */
function envWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && k !== 'HOME' && k !== 'USERPROFILE') env[k] = v;
  const home = mkdtempSync(path.join(work, 'home-'));
  return { ...env, HOME: home, USERPROFILE: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: url, ...vars };
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  reports: string;
}

/** Rules that send form bodies, GET queries, tags and error-shape checks: enough to echo everything, quickly. */
const rules = 'names.source-required,names.source-not-found,tags.key-required,envelope.*,wire.get-query-string,wire.bad-percent-encoding';

/** The built CLI with these arguments, to its end (the 'close' event: every output flushed). */
function spawnToEnd(args: string[], env: NodeJS.ProcessEnv, reports: string): Promise<CliRun> {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, reports }));
  });
}

/** `run` against the echo server. */
const runCli = (args: string[], env: NodeJS.ProcessEnv, reports: string): Promise<CliRun> =>
  spawnToEnd(['run', '--endpoint', url, '--reports', reports, '--seed', '7', '--num-runs', '3', '--rules', rules, ...args], env, reports);

/** `record --out` against the same server: the cassette (gzipped bodies read back) must hold no secret either. */
async function recordCli(env: NodeJS.ProcessEnv, reports: string): Promise<CliRun & { cassette: string }> {
  const cassette = path.join(reports, 'echo.cassette.jsonl');
  const run = await spawnToEnd(['record', '--endpoint', url, '--reports', reports, '--seed', '7', '--cases-per-rule', '1', '--rules', rules, '--out', cassette], env, reports);
  return { ...run, cassette };
}

const plantedEnv = { AWS_ACCESS_KEY_ID: planted.accessKeyId, AWS_SECRET_ACCESS_KEY: planted.secretAccessKey, AWS_SESSION_TOKEN: planted.sessionToken };
let withPlanted: CliRun;
let regionNoCredentials: CliRun;
let recorded: CliRun & { cassette: string };

beforeAll(async () => {
  await startEchoServer();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [withPlanted, regionNoCredentials, recorded] = await Promise.all([
    runCli(['--json'], envWith(plantedEnv), path.join(work, 'reports-planted')),
    // --region with a loopback endpoint and no usable credentials (a secret and a token, but no key id: the
    // chain's env provider finds nothing): still dummy credentials, never the chain, which would end at instance
    // metadata (here pointed at the echo server). The secret values are in the environment, so redact knows them.
    runCli(['--region', 'us-east-1'], envWith({ AWS_SECRET_ACCESS_KEY: planted.secretAccessKey, AWS_SESSION_TOKEN: planted.sessionToken }), path.join(work, 'reports-region')),
    recordCli(envWith(plantedEnv), path.join(work, 'reports-record')),
  ]);
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the CLI against a loopback server that echoes and leaks', () => {
  it('ran to its end and wrote its reports and ledger', () => {
    for (const run of [withPlanted, regionNoCredentials]) {
      expect(run.code, run.stderr.slice(-2000)).toBe(1);
      for (const name of ['report.json', 'junit.xml', 'summary.md', 'report.html']) expect(existsSync(path.join(run.reports, name)), name).toBe(true);
    }
    expect(existsSync(path.join(withPlanted.reports, 'ledger.jsonl'))).toBe(true);
    // the echoes did reach the reports (as [REDACTED]): the test sees what it means to
    expect(readFileSync(path.join(withPlanted.reports, 'report.json'), 'utf8')).toContain('[REDACTED]');
    expect(withPlanted.stdout).toContain('[REDACTED]');
  });

  it('the planted credentials were never sent: loopback requests are signed with the dummy credentials', () => {
    const requests = received.filter((r) => !r.url.startsWith('/latest'));
    expect(requests.length).toBeGreaterThan(20);
    const wire = requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n');
    // (the server does see signatures: those made with the dummy credentials)
    for (const secret of [planted.secretAccessKey, planted.sessionToken, planted.accessKeyId, encodeURIComponent(planted.sessionToken)]) expect(wire.includes(secret)).toBe(false);
    expect(pieces(wire, planted.sessionToken)).toEqual([]);
    expect(pieces(wire, planted.secretAccessKey)).toEqual([]);
    for (const r of requests) {
      expect(r.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${loopbackCredentials.accessKeyId}/`));
      expect(r.headers['x-amz-security-token']).toBeUndefined();
    }
  });

  it('never asked instance metadata for credentials', () => {
    expect(received.filter((r) => r.url.startsWith('/latest')).map((r) => r.url)).toEqual([]);
  });

  it('stdout, stderr, every report file and the ledger hold no secret, no piece of the token, no signature', () => {
    for (const run of [withPlanted, regionNoCredentials]) {
      // the key id is known (and redacted outside Credential=) only where AWS_ACCESS_KEY_ID holds it
      const extra = run === withPlanted ? [planted.accessKeyId] : [];
      expectNoSecrets(`${run.reports}: stdout`, run.stdout, extra);
      expectNoSecrets(`${run.reports}: stderr`, run.stderr, extra);
      for (const [file, text] of Object.entries(filesUnder(run.reports))) expectNoSecrets(file, text, extra);
    }
  });
});

describe('record --out against the same server', () => {
  it('writes a cassette whose every line, stored body and stream holds no secret, no piece of the token, no signature', () => {
    // 1: this server refuses every DeleteSnapshot, so cleanup cannot confirm the names gone and says so
    expect([0, 1], recorded.stderr.slice(-2000)).toContain(recorded.code);
    const text = readFileSync(recorded.cassette, 'utf8');
    const cassette = parseCassette(text);
    expect(cassette.exchanges.length).toBeGreaterThan(5);
    // the echoes reached the cassette, redacted (gzipped bodies read back too)
    const bodies = cassette.exchanges.map((ex) => (ex.response ? responseBody(ex.response) : '')).join('\n');
    expect(bodies).toContain('[REDACTED]');
    for (const [name, value] of Object.entries({ cassette: text, bodies, stdout: recorded.stdout, stderr: recorded.stderr })) expectNoSecrets(name, value, [planted.accessKeyId]);
    for (const [file, value] of Object.entries(filesUnder(recorded.reports))) expectNoSecrets(file, value, [planted.accessKeyId]);
  });
});

describe('the non-loopback signing path with planted credentials', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('loopback hosts get the dummy credentials even when the environment holds real ones', async () => {
    for (const [k, v] of Object.entries(plantedEnv)) vi.stubEnv(k, v);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(await credentialsFor(host)()).toBe(loopbackCredentials);
  });

  it('resolved credentials are registered: signed headers, cut tokens and reports stay clean after the env is gone', async () => {
    for (const [k, v] of Object.entries(plantedEnv)) vi.stubEnv(k, v);
    const host = 'elasticache.us-east-1.amazonaws.com';
    const credentials = credentialsFor(host);
    expect(await credentials()).toMatchObject(planted);
    const signer = createSigner('us-east-1', credentials);
    const body = 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=s&TargetSnapshotName=t';
    const headers = await signer.sign({ method: 'POST', host, path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization ?? '')?.[1];
    expect(signature).toBeDefined();
    expect(headers['x-amz-security-token']).toBe(planted.sessionToken);
    // from here on only the registration knows the secrets
    vi.unstubAllEnvs();

    const wire = `POST / HTTP/1.1\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}`;
    const leaks = [
      wire,
      JSON.stringify(headers),
      `signed with ${headers.authorization}`,
      `token cut by someone else: ${planted.sessionToken.slice(0, 300)}`,
      `and its end: ${planted.sessionToken.slice(-120)}`,
      `secret ${planted.secretAccessKey}`,
      `encoded ${encodeURIComponent(planted.sessionToken)}`,
    ];

    // stdout / stderr: the stream wrapper (as cli/main.ts installs it) over stand-in streams
    const out: string[] = [];
    const err: string[] = [];
    const stdout = { write: (chunk: unknown) => (out.push(String(chunk)), true) };
    const stderr = { write: (chunk: unknown) => (err.push(String(chunk)), true) };
    installStreamRedaction([stdout, stderr]);
    for (const text of leaks) {
      stdout.write(`${text}\n`);
      stderr.write(Buffer.from(`${text}\n`));
      stdout.write(`${excerpt(text)}\n`);
      stderr.write(`${firstLine(new Error(text))}\n`);
    }

    // the reports: hostile strings wherever a run result holds text
    const run = makeRunResult();
    const failing = run.rules.find((r) => r.failure)!;
    failing.reason = leaks.join(' | ');
    failing.failure!.body = wire;
    failing.failure!.reason = excerpt(leaks.join(' '));
    failing.failure!.actual = { status: 400, code: 'InvalidParameterValue', message: leaks[3]! };
    run.target = `https://${host}/`;
    const reports = path.join(work, 'reports-unit');
    await writeReports(run, reports, { githubStepSummary: path.join(work, 'step-summary.md') });

    // the ledger
    const ledger = new Ledger('r-secrets', path.join(reports, 'ledger.jsonl'));
    ledger.intent(`csc-r-secrets-1-${planted.sessionToken.slice(0, 64)}`);
    ledger.answer(`csc-${planted.secretAccessKey}`, 400);

    expectNoSecrets('stdout', out.join(''), [signature!]);
    expectNoSecrets('stderr', err.join(''), [signature!]);
    const files = { ...filesUnder(reports), [path.join(work, 'step-summary.md')]: readFileSync(path.join(work, 'step-summary.md'), 'utf8') };
    expect(Object.keys(files).length).toBe(6);
    for (const [file, text] of Object.entries(files)) expectNoSecrets(file, text, [signature!]);
    expect(redact(planted.sessionToken.slice(0, 300))).toBe('[REDACTED]');
  });
});
