// record / diff / run --evidence as a user runs them: a cassette recorded from the reference mock, its JSON
// Schema, a replay in a fresh process, a planted bug served over HTTP, evidence confirmed and contradicted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCassette, serializeCassette } from '../../harness/parity/cassette.js';
import { bin, cleanEnv, runCli } from '../fixtures/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'csc-cassette-'));
const cassetteFile = path.join(work, 'reference.cassette.jsonl');
const children: ChildProcess[] = [];
let recordRun: Awaited<ReturnType<typeof runCli>>;

/** `mock --port 0 …`, resolved with its URL once its banner says it listens. */
function serve(args: string[]): Promise<string> {
  // --settle-ms 20 (not the mock's 100): how long a copy stays creating is no part of what these tests compare
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', '--settle-ms', '20', ...args], { env: cleanEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock exited ${code}`)));
    lines.on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(url);
    });
  });
}

beforeAll(async () => {
  recordRun = await runCli(['record', '--out', cassetteFile, '--seed', '42', '--reports', path.join(work, 'rec'), '--quiet']);
}, 240_000);
afterAll(() => {
  for (const c of children) c.kill();
});

describe('record --out', () => {
  it('writes a cassette of a few hundred steps and a few hundred KB, and says what it did', () => {
    expect(recordRun.code, recordRun.stderr).toBe(0);
    expect(recordRun.stdout).toMatch(/^recorded \d+ steps of \d+ rules \(1 skipped\) from embedded reference mock/);
    const cassette = parseCassette(readFileSync(cassetteFile, 'utf8'));
    expect(cassette.exchanges.length).toBeGreaterThan(100);
    expect(cassette.exchanges.length).toBeLessThan(500);
    expect(statSync(cassetteFile).size).toBeLessThan(800 * 1024);
    expect(cassette.header.seed).toBe(42);
    expect(cassette.header.skipped['quota.snapshot-quota']).toMatch(/--snapshot-quota/);
    expect(cassette.header.transformers).toEqual(expect.arrayContaining(['request-id', 'timestamp', 'run-prefix', 'fixture-names']));
  });

  it('round-trips through its JSON Schema: every line valid, a broken line refused', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync('reports/cassette.schema.json', 'utf8')) as object);
    const text = readFileSync(cassetteFile, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    const invalid = lines.filter((l) => !validate(JSON.parse(l)));
    expect(invalid).toEqual([]);
    // parse → serialize gives the same file back
    expect(serializeCassette(parseCassette(text))).toBe(text);
    const broken = JSON.parse(lines[1]!) as Record<string, unknown>;
    delete broken.normalized;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...(JSON.parse(lines[0]!) as object), formatVersion: 2 })).toBe(false);
  });

  it('is refused with one line when --out is missing or the file is not a cassette', async () => {
    const garbage = path.join(work, 'garbage.jsonl');
    writeFileSync(garbage, 'not json\n');
    // three independent processes, side by side
    const [missing, bad, nothing] = await Promise.all([
      runCli(['record']),
      runCli(['diff', '--cassette', garbage]),
      // a --case that names no step would compare nothing and pass
      runCli(['diff', '--cassette', cassetteFile, '--case', 'no.such-rule/0']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not JSON/);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/--case no\.such-rule\/0 names no step/);
  });
});

describe('diff --cassette', () => {
  it('replayed against a fresh reference mock in another process: 0 differences, exit 0', async () => {
    const r = await runCli(['diff', '--cassette', cassetteFile, '--reports', path.join(work, 'same'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/steps of \d+ rules compared, 0 differ/);
    const report = JSON.parse(readFileSync(path.join(work, 'same', 'report.json'), 'utf8')) as { parity: { differences: unknown[] }; summary: { fail: number } };
    expect(report.parity.differences).toEqual([]);
    expect(report.summary.fail).toBe(0);
  });

  it('against a planted bug over HTTP: the family it breaks differs, with the first step side by side, a replay line that reproduces it, exit 1', async () => {
    // two servers of the same planted bug: the plain diff and the --allow-diff one run side by side, each
    // against its own (one diff's copies would show up in the other's post-state reads)
    const [url, url2] = await Promise.all([serve(['--mutant', 'accepts-51-tags']), serve(['--mutant', 'accepts-51-tags'])]);
    const reports = path.join(work, 'bug');
    // an accepted difference is no longer a failure
    const allow = path.join(work, 'allow.json');
    writeFileSync(allow, JSON.stringify({ tags: 'this fake allows 51 tags on purpose', 'post-state': 'the 51-tag copies exist there' }));
    const allowedRun = runCli(['diff', '--cassette', cassetteFile, '--endpoint', url2, '--source-snapshot', 'conformance-source', '--allow-diff', allow, '--reports', path.join(work, 'allowed'), '--quiet']);
    const r = await runCli(['diff', '--cassette', cassetteFile, '--endpoint', url, '--source-snapshot', 'conformance-source', '--reports', reports]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^tags: \d+ step\(s\) differ in tags\.max-50/m);
    expect(r.stderr).toMatch(/first: tags\.max-50\/\d+\/\d+ \(copy\)\n.*\n\s+field\s+A\s+B\n\s+(status|message)\s/);
    const replay = /replay\s+copysnapshot-conformance (diff .*--case tags\.max-50\/\d+)/.exec(r.stderr)?.[1];
    expect(replay).toBeDefined();
    const again = await runCli([...replay!.split(' ').filter(Boolean), '--reports', path.join(work, 'bug-replay')]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/differ in tags/);
    // every report format says so
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { rules: { id: string; verdict: string }[]; parity: { byFamily: { family: string }[] } };
    expect(report.rules.find((x) => x.id === 'tags.max-50')?.verdict).toBe('fail');
    expect(report.parity.byFamily.map((f) => f.family)).toContain('tags');
    expect(readFileSync(path.join(reports, 'summary.md'), 'utf8')).toMatch(/## Differences[\s\S]*### tags/);
    expect(readFileSync(path.join(reports, 'junit.xml'), 'utf8')).toMatch(/name="diff.family" value="tags: /);
    expect(readFileSync(path.join(reports, 'report.html'), 'utf8')).toMatch(/<section id="differences">/);
    const allowed = await allowedRun;
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/0 differ \(\d+ accepted by --allow-diff\)/);
  }, 240_000);

  it('live, --endpoint A --endpoint B: two pristine mocks answer alike', async () => {
    const [a, b] = await Promise.all([serve([]), serve([])]);
    // one seeded case per rule (not 2): every rule's steps are still compared live, both sides over HTTP
    const r = await runCli(['diff', '--endpoint', a, '--endpoint', b, '--source-snapshot', 'conformance-source', '--seed', '3', '--cases-per-rule', '1', '--reports', path.join(work, 'live'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 differ/);
  }, 240_000);
});

describe('run --evidence', () => {
  it('marks the rules the recording confirms, and a hand-edited answer contradicts exactly its rule', async () => {
    // the first recorded answer to a tags.max-50 case becomes a 200: the contract now disagrees with the recording
    const lines = readFileSync(cassetteFile, 'utf8').split('\n').filter(Boolean);
    const at = lines.findIndex((l) => l.includes('"rule":"tags.max-50"') && l.includes('"step":"copy"'));
    const line = JSON.parse(lines[at]!) as { response: Record<string, unknown> };
    line.response = { status: 200, contentType: 'text/xml', body: '<CopySnapshotResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><CopySnapshotResult><Snapshot><SnapshotName>x</SnapshotName></Snapshot></CopySnapshotResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CopySnapshotResponse>' };
    lines[at] = JSON.stringify(line);
    const edited = path.join(work, 'edited.cassette.jsonl');
    writeFileSync(edited, `${lines.join('\n')}\n`);
    // the run on the recording and the two listings on the edited one are independent processes: side by side
    const [confirmed, rules, table] = await Promise.all([
      runCli(['run', '--evidence', cassetteFile, '--reports', path.join(work, 'ev'), '--num-runs', '5', '--quiet']),
      runCli(['rules', '--evidence', edited, '--json']),
      runCli(['rules', '--evidence', edited]),
    ]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stderr).toMatch(/evidence \(.*\): \d+ rules confirmed, 0 contradicted/);
    const report = JSON.parse(readFileSync(path.join(work, 'ev', 'report.json'), 'utf8')) as { evidence: { confirmed: string[] }; rules: { id: string; evidence?: { status: string } }[] };
    expect(report.evidence.confirmed.length).toBeGreaterThan(40);
    expect(report.rules.find((r) => r.id === 'tags.max-50')?.evidence?.status).toBe('confirmed');

    expect(rules.code).toBe(0);
    const statuses = JSON.parse(rules.stdout) as { id: string; evidence: { status: string } }[];
    expect(statuses.filter((r) => r.evidence.status === 'contradicted').map((r) => r.id)).toEqual(['tags.max-50']);
    expect(table.stdout).toMatch(/tags\.max-50\s+documented\s+CONTRADICTED/);
    expect(table.stdout).toMatch(/the contract disagrees with the recording: tags\.max-50\/\d+\/\d+: expected 400 TagQuotaPerResourceExceeded, recorded 200 CopySnapshotResponse/);
  }, 240_000);
});
