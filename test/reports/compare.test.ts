import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/result.js';
import { compareReports, toReportJson, writeReports, type ReportJson } from '../../reports/index.js';
import { compareCommand } from '../../cli/compare-command.js';
import { makeRunResult } from './fixture.js';

/** Runs the command, capturing what it prints. */
async function compare(argv: string[]) {
  let out = '';
  let err = '';
  const code = await compareCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const firstPassing = (run: RunResult) => run.rules.find((r) => r.verdict === 'pass')!.id;
const firstFailing = (run: RunResult) => run.rules.find((r) => r.verdict === 'fail')!.id;

describe('compareReports', () => {
  const base = makeRunResult({ plain: true });
  const regressed = firstPassing(base);
  const fixed = firstFailing(base);
  const skipped = base.rules.filter((r) => r.verdict === 'pass')[1]!.id;
  const removed = base.rules.filter((r) => r.verdict === 'pass').at(-1)!.id;

  function nextRun(): RunResult {
    const next = makeRunResult({ plain: true, verdicts: { [regressed]: 'fail', [fixed]: 'pass', [skipped]: 'skip' } });
    const changedGrade = next.rules.find((r) => r.id === skipped)!;
    changedGrade.grade = changedGrade.grade === 'documented' ? 'inferred' : 'documented';
    const changedExpect = next.rules.find((r) => r.expected.length > 0 && ![regressed, removed].includes(r.id))!;
    changedExpect.expected = [{ status: 400, code: 'SomethingElse' }];
    next.rules = next.rules.filter((r) => r.id !== removed);
    next.rules.push({ ...next.rules[0]!, id: 'names.brand-new' });
    return next;
  }

  it('finds the planted regression, the fix, and every other kind of change', () => {
    const next = nextRun();
    const c = compareReports(toReportJson(base), toReportJson(next));
    expect(c.regressions.map((r) => r.id)).toEqual([regressed]);
    expect(c.regressions[0]).toMatchObject({ from: 'pass', to: 'fail' });
    expect(c.regressions[0]!.detail).toBeTruthy();
    expect(c.fixed).toEqual([{ id: fixed, from: 'fail', to: 'pass' }]);
    expect(c.verdictChanged).toEqual([expect.objectContaining({ id: skipped, from: 'pass', to: 'skip' })]);
    expect(c.changedGrade.map((r) => r.id)).toEqual([skipped]);
    expect(c.changedExpectations).toHaveLength(1);
    expect(c.changedExpectations[0]!.detail).toContain('400 SomethingElse');
    expect(c.added.map((r) => r.id)).toEqual(['names.brand-new']);
    expect(c.removed.map((r) => r.id)).toEqual([removed]);
  });

  it('finds nothing between a run and itself, whatever the order of expected outcomes', () => {
    const a = toReportJson(base);
    const b = toReportJson(base);
    b.rules = b.rules.map((r) => ({ ...r, expected: [...r.expected].reverse() }));
    const c = compareReports(a, b);
    expect(Object.values(c).flat()).toEqual([]);
  });
});

describe('copysnapshot-conformance compare', () => {
  let dir: string;
  let basePath: string;
  let nextPath: string;
  let samePath: string;
  let regressed: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'csc-compare-'));
    const base = makeRunResult();
    regressed = firstPassing(base);
    await writeReports(base, path.join(dir, 'base'), { githubStepSummary: '' });
    await writeReports(makeRunResult({ verdicts: { [regressed]: 'fail' } }), path.join(dir, 'next'), { githubStepSummary: '' });
    await writeReports(makeRunResult(), path.join(dir, 'same'), { githubStepSummary: '' });
    [basePath, nextPath, samePath] = ['base', 'next', 'same'].map((d) => path.join(dir, d, 'report.json')) as [string, string, string];
    await writeFile(path.join(dir, 'not-json.json'), '{ nope');
    await writeFile(path.join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    const future = JSON.parse(JSON.stringify(toReportJson(base))) as ReportJson;
    future.schemaVersion = 2;
    await writeFile(path.join(dir, 'future.json'), JSON.stringify(future));
    await writeFile(path.join(dir, 'bad-rule.json'), JSON.stringify({ ...toReportJson(base), rules: [{ id: 'x', verdict: 'exploded', grade: 'documented', expected: [] }] }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 1 with --fail-on regression when a passing rule now fails, naming it', async () => {
    const r = await compare([basePath, nextPath, '--fail-on', 'regression']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('regressions (passed in BASE; now failing or inconclusive) (1):');
    expect(r.out).toContain(`${regressed}: pass → fail`);
    expect(r.err).toBe('');
  });

  it('exits 0 without --fail-on, still printing the regression', async () => {
    const r = await compare([basePath, nextPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(regressed);
  });

  it('exits 0 with --fail-on regression when nothing regressed (or things only got better)', async () => {
    expect((await compare([basePath, samePath, '--fail-on=regression'])).code).toBe(0);
    const better = await compare([nextPath, basePath, '--fail-on', 'regression']);
    expect(better.code).toBe(0);
    expect(better.out).toContain('fixed (1):');
  });

  it('prints the comparison as JSON with --json', async () => {
    const r = await compare([basePath, nextPath, '--json']);
    expect(JSON.parse(r.out).regressions).toEqual([expect.objectContaining({ id: regressed })]);
  });

  it.each([
    ['an unknown flag', () => [basePath, nextPath, '--frobnicate'], /Unknown option '--frobnicate'/],
    ['a bad --fail-on value', () => [basePath, nextPath, '--fail-on', 'anything'], /--fail-on takes "regression"/],
    ['one file only', () => [basePath], /usage: copysnapshot-conformance compare/],
    ['a missing file', () => [basePath, path.join(dir, 'nope.json')], /cannot read .*nope\.json: ENOENT/],
    ['a folder', () => [basePath, dir], /cannot read .*: EISDIR/],
    ['a file that is not JSON', () => [path.join(dir, 'not-json.json'), basePath], /not-json\.json is not JSON/],
    ['JSON that is not a report', () => [path.join(dir, 'other.json'), basePath], /not a copysnapshot-conformance report/],
    ['a report of another schemaVersion', () => [basePath, path.join(dir, 'future.json')], /schemaVersion 2 is not supported/],
    ['a report with an unknown verdict', () => [basePath, path.join(dir, 'bad-rule.json')], /unknown verdict "exploded"/],
  ])('exits 2 with one line, no stack trace, for %s', async (_what, argv, message) => {
    const r = await compare(argv());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
