import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/result.js';
import { schemaVersion, toReportJson } from '../../reports/index.js';
import { makeRunResult } from './fixture.js';
import { writeToTemp, type Written } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const errorsOf = () => ajv.errorsText(validate.errors);

describe('report.json against reports/report.schema.json', () => {
  let written: Written;
  beforeAll(async () => {
    written = await writeToTemp(makeRunResult());
  });
  afterAll(() => written.cleanup());

  it('is a valid draft 2020-12 schema whose version matches the writer', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schemaVersion.const).toBe(schemaVersion);
  });

  it('validates the written report.json', () => {
    const report = JSON.parse(written.text['report.json']);
    expect(validate(report), errorsOf()).toBe(true);
    expect(report.schemaVersion).toBe(1);
    expect(report.rules.length).toBe(makeRunResult().rules.length);
  });

  it('carries what a reader needs: version, target, seed, config, timing, every rule with its counterexample', () => {
    const run = makeRunResult();
    const report = JSON.parse(written.text['report.json']);
    expect(report).toMatchObject({ tool: 'copysnapshot-conformance', toolVersion: run.toolVersion, seed: run.seed, numRuns: run.numRuns, startedAt: run.startedAt, durationMs: run.durationMs });
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBe(run.durationMs);
    expect(report.config.endpoint).toBe('http://127.0.0.1:4566');
    expect(run.rules.length).toBeGreaterThan(0);
    expect(report.rules).toHaveLength(run.rules.length);
    for (const rule of run.rules) {
      const out = report.rules.find((r: { id: string }) => r.id === rule.id);
      expect(out, rule.id).toBeDefined();
      expect(out.verdict).toBe(rule.verdict);
      expect(out.expected).toEqual(rule.expected);
      if (rule.failure) expect(out.failure.replay).toContain('replay');
    }
    expect(report.summary.total).toBe(run.rules.length);
  });

  it('rejects documents that are not reports (the schema is not vacuous)', () => {
    const good = toReportJson(makeRunResult());
    const broken: unknown[] = [
      { ...good, schemaVersion: 2 },
      { ...good, rules: [{ ...good.rules[0], verdict: 'maybe' }] },
      { ...good, rules: [{ ...good.rules[0], grade: 'guessed' }] },
      { ...good, rules: good.rules.map((r) => (r.verdict === 'skip' ? { ...r, reason: undefined } : r)).map((r) => JSON.parse(JSON.stringify(r))) },
      { ...good, summary: { ...good.summary, total: undefined } },
      { ...good, extra: true },
    ];
    for (const doc of broken) expect(validate(JSON.parse(JSON.stringify(doc)))).toBe(false);
  });

  it('still yields a valid report from a RunResult with missing fields (read defensively)', () => {
    const sparse = {
      toolVersion: '0.1.0',
      target: 'embedded',
      rules: [
        { id: 'names.source-required', family: 'names', statement: 's', grade: 'observed', verdict: 'pass' },
        { id: 'names.odd', family: 'names', statement: 's', grade: 'observed', verdict: 'exploded', failure: { reason: 'x' } },
      ],
    } as unknown as RunResult;
    const report = toReportJson(sparse);
    expect(validate(JSON.parse(JSON.stringify(report))), errorsOf()).toBe(true);
    expect(report.rules[1]!.verdict).toBe('fail');
    expect(report.rules[1]!.reason).toContain('unknown verdict');
    expect(report.summary).toMatchObject({ total: 2, pass: 1, fail: 1 });
  });
});
