// --har FILE: every exchange of a run as HAR 1.2, valid against the published HAR schema (har-schema),
// one entry per request a logging proxy saw, cleanup included, and redacted.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutants } from '../../mock/mutants.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { runCli } from '../fixtures/cli.js';
import { startLoggingProxy, type LoggingProxy } from '../fixtures/logging-proxy.js';

const require = createRequire(import.meta.url);

interface Har {
  log: { version: string; creator: { name: string }; entries: { startedDateTime: string; request: { method: string; url: string; postData?: { text: string } }; response: { status: number }; _phase: string; _action: string }[] };
}

/** The HAR 1.2 schema as har-schema publishes it (draft-06, one schema per object). */
function harValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  for (const [name, schema] of Object.entries(require('har-schema') as Record<string, object>)) ajv.addSchema(schema, `${name}.json`);
  return ajv.getSchema('har.json')!;
}

let mock: MockServer;
let broken: MockServer;
let proxy: LoggingProxy;

beforeAll(async () => {
  mock = await startMockServer({ settleMs: 10 });
  proxy = await startLoggingProxy(mock.url);
  broken = await startMockServer({ handlers: mutants.find((m) => m.id === 'not-found-400')!.create({ settleMs: 10 }).handlers });
});
afterAll(async () => {
  await proxy?.close();
  await mock?.close();
  await broken?.close();
});

// two runs against two different servers (the proxy counts only the first's): side by side
describe.concurrent('--har', () => {
  it('a run over HTTP: valid HAR 1.2, one entry per request on the wire, the cleanup in it, nothing secret', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csc-har-'));
    const file = path.join(dir, 'run.har');
    const before = proxy.total;
    const run = await runCli(['run', '--endpoint', proxy.url, '--reports', dir, '--har', file, '--num-runs', '5', '--seed', '2']);
    expect(run.code, run.stderr).toBe(0);
    const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(har.log.version).toBe('1.2');
    for (const e of har.log.entries) expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
    expect(har.log.entries.length).toBe(proxy.total - before);
    expect(har.log.entries.some((e) => e._phase === 'cleanup' && e._action === 'DeleteSnapshot')).toBe(true);
    expect(new Set(har.log.entries.map((e) => new URL(e.request.url).origin))).toEqual(new Set([proxy.url]));
    expect(readFileSync(file, 'utf8')).not.toMatch(/Signature=[0-9a-f]{16}/);
  }, 90_000);

  it('a failing run: the failure\'s request is among the entries, with the answer that failed it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csc-har-fail-'));
    const file = path.join(dir, 'run.har');
    const run = await runCli(['run', '--endpoint', broken.url, '--reports', dir, '--har', file, '--rules', 'names.source-not-found', '--seed', '4', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { rules: { id: string; failure?: { body: string } }[] };
    const body = report.rules.find((r) => r.id === 'names.source-not-found')!.failure!.body;
    const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
    const entry = har.log.entries.find((e) => e.request.postData?.text === body);
    expect(entry, body).toBeDefined();
    expect(entry!.response.status).toBe(400);
  }, 90_000);
});
