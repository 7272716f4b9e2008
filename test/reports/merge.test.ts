// merge-reports: the shards of one run (--shard I/N, one seed) become one run's reports.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'csc-merge-'));
const shard = (i: number) => path.join(work, `s${i}`, 'report.json');
interface Report {
  seed: number;
  rules: { id: string; verdict: string }[];
  requests: number;
  counts: { total: number };
  summary: { pass: number; fail: number };
  exitCode: number;
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;

beforeAll(async () => {
  const runs = await Promise.all([1, 2, 3].map((i) => runCli(['run', '--shard', `${i}/3`, '--seed', '7', '--num-runs', '5', '--reports', path.join(work, `s${i}`), '--quiet'])));
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('merge-reports', () => {
  it('three shards make one run: every rule once, counts summed, valid report.json and junit.xml', async () => {
    const out = path.join(work, 'all');
    const merged = await runCli(['merge-reports', '--out', out, shard(1), shard(2), shard(3)]);
    expect(merged.code, merged.stderr).toBe(0);
    const report = read(path.join(out, 'report.json'));
    const parts = [1, 2, 3].map((i) => read(shard(i)));
    expect(report.rules.map((r) => r.id).sort()).toEqual(parts.flatMap((p) => p.rules.map((r) => r.id)).sort());
    expect(report.rules).toHaveLength(57);
    expect(report.counts.total).toBe(parts.reduce((n, p) => n + p.counts.total, 0));
    expect(report.requests).toBe(report.counts.total);
    const schema = JSON.parse(readFileSync('reports/report.schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect((readFileSync(path.join(out, 'junit.xml'), 'utf8').match(/<testcase /g) ?? []).length).toBe(57);
  });

  it('a shard that failed makes the merged run fail (exit 1)', async () => {
    const broken = read(shard(2));
    broken.rules[0]!.verdict = 'fail';
    const file = path.join(work, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const merged = await runCli(['merge-reports', '--out', path.join(work, 'with-failure'), shard(1), file, shard(3)]);
    expect(merged.code).toBe(1);
    expect(read(path.join(work, 'with-failure', 'report.json')).summary.fail).toBe(1);
  });

  it.each([
    ['overlapping shards', () => [shard(1), shard(1)], /is in shard 1 and shard 2/],
    ['shards of different seeds', () => {
      const other = { ...read(shard(2)), seed: 8 };
      const file = path.join(work, 'other-seed.json');
      writeFileSync(file, JSON.stringify(other));
      return [shard(1), file];
    }, /differ in seed/],
    ['a file that is not a report', () => {
      const file = path.join(work, 'junk.json');
      writeFileSync(file, '{"x":1}');
      return [file];
    }, /not a usable report\.json/],
  ])('%s: exit 2 with one line', async (_label, files, message) => {
    const merged = await runCli(['merge-reports', '--out', path.join(work, 'never'), ...files()]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toMatch(message);
    expect(merged.stderr.trim().split('\n')).toHaveLength(1);
  });
});
