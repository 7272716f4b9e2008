import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/result.js';
import { toJunitXml, toReportJson } from '../../reports/index.js';
import { countOf, hostile, makeRunResult } from './fixture.js';
import { writeToTemp, type Written } from './helpers.js';
import { anyScalar } from '../codec/arbitraries.js';

const cases = (root: TestSuites) => (root.testsuite ?? []).flatMap((s) => s.testcase ?? []);

interface RawCase {
  name: string;
  properties: { property: { name: string; value: string }[] };
  skipped?: { message: string };
}
/** Test cases as fast-xml-parser sees them (one element or a list, depending on the count). */
const rawCases = (doc: { testsuites: { testsuite: unknown } }): RawCase[] =>
  [doc.testsuites.testsuite].flat().flatMap((s) => [(s as { testcase: RawCase | RawCase[] }).testcase].flat());

describe('junit.xml', () => {
  let run: RunResult;
  let written: Written;
  let root: TestSuites;
  beforeAll(async () => {
    run = makeRunResult();
    written = await writeToTemp(run);
    root = (await parse(written.text['junit.xml'])) as TestSuites;
  });
  afterAll(() => written.cleanup());

  it('is well-formed XML 1.0 (strict validator) and parses with junit2json', () => {
    expect(XMLValidator.validate(written.text['junit.xml'])).toBe(true);
    expect(root.name).toBe('copysnapshot-conformance');
  });

  it('has one testcase per rule, classname = family, name = rule ID, time in seconds', () => {
    const all = cases(root);
    expect(all).toHaveLength(run.rules.length);
    expect(run.rules.length).toBeGreaterThan(0);
    for (const rule of run.rules) {
      const tc = all.find((t) => t.name === rule.id);
      expect(tc, rule.id).toBeDefined();
      expect(tc!.classname).toBe(rule.family);
      expect(tc!.time).toBeCloseTo(rule.durationMs / 1000, 3);
    }
  });

  it('has one testsuite per family, and the counts add up at every level', () => {
    const suites = root.testsuite ?? [];
    expect(suites.map((s) => s.name).sort()).toEqual([...new Set(run.rules.map((r) => r.family))].sort());
    for (const suite of suites as TestSuite[]) {
      const tcs = suite.testcase ?? [];
      expect(suite.tests).toBe(tcs.length);
      expect(suite.failures).toBe(tcs.filter((t) => t.failure?.length).length);
      expect(suite.skipped).toBe(tcs.filter((t) => t.skipped?.length).length);
      expect(suite.errors).toBe(0);
    }
    expect(root.tests).toBe(run.rules.length);
    expect(root.failures).toBe(countOf(run, 'fail'));
    expect(cases(root).filter((t) => t.failure?.length)).toHaveLength(countOf(run, 'fail'));
    expect(cases(root).filter((t) => t.skipped?.length)).toHaveLength(countOf(run, 'skip'));
    expect(root.time).toBeCloseTo(run.durationMs / 1000, 3);
  });

  it('puts the rule ID, expected versus actual and the replay command in each failure', () => {
    const failed = run.rules.filter((r) => r.verdict === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const rule of failed) {
      const failure = cases(root).find((t) => t.name === rule.id)!.failure![0]!;
      expect(failure.message).toContain(rule.id);
      expect(failure.message).toContain('expected');
      expect(failure.type).toBe(`${rule.grade}-rule-violation`);
      expect(failure.inner).toContain(`rule: ${rule.id}`);
      expect(failure.inner).toMatch(/^expected: /m);
      expect(failure.inner).toMatch(/^actual: /m);
      expect(failure.inner).toContain('replay: npx copysnapshot-conformance replay');
    }
  });

  it('gives skips their reason, and makes warnings and known deviations visible without failing', () => {
    const byId = (id: string) => cases(root).find((t) => t.name === id) as TestCase;
    // the checks below are conditional: the fixture run must hold every verdict they look at
    for (const verdict of ['skip', 'warn', 'known-deviation'] as const) expect(run.rules.some((r) => r.verdict === verdict), verdict).toBe(true);
    for (const rule of run.rules) {
      const tc = byId(rule.id);
      if (rule.verdict === 'skip') expect(tc.skipped![0]!.message).toContain(rule.reason!.slice(0, 20));
      if (rule.verdict === 'warn') expect(tc['system-out']![0]).toMatch(/^WARNING/);
      if (rule.verdict === 'known-deviation') expect(tc['system-out']![0]).toContain(`KNOWN DEVIATION: ${rule.reason}`);
      if (rule.verdict !== 'fail') expect(tc.failure).toBeUndefined();
    }
    // the verdict is also a property, for viewers that show properties
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const doc = parser.parse(written.text['junit.xml']);
    const verdicts = rawCases(doc).map((tc) => [tc.name, tc.properties.property.find((p) => p.name === 'verdict')!.value]);
    expect(Object.fromEntries(verdicts)).toEqual(Object.fromEntries(run.rules.map((r) => [r.id, r.verdict])));
  });

  it('escapes markup, keeps astral characters and drops characters XML 1.0 cannot carry', () => {
    const xml = written.text['junit.xml'];
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const markup = cases(root).find((t) => t.name === 'names.hostile-markup')!;
    expect(markup.failure![0]!.message).toContain('Invalid<Code>&');
    expect(markup.failure![0]!.inner).toContain(hostile.script);
    const chars = cases(root).find((t) => t.name === 'tags.hostile-characters')!;
    expect(chars.failure![0]!.inner).toContain('unicorn 🦄, math 𝒳𝔸');
    expect(chars.failure![0]!.inner).toContain('nul bell vt lonesurrogate ffff end');
  });

  it('stays well-formed and faithful whatever text a rule carries (property)', () => {
    const nasty = fc.constantFrom('<', '>', '&', '"', "'", ']]>', '\u0000', '\u001b', '\ud800', '\udfff', '\uffff', '\r\n', '🦄');
    const text = fc.string({ unit: fc.oneof(fc.constant(''), anyScalar, nasty), maxLength: 40 });
    const strip = (t: string) => t.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
    fc.assert(
      fc.property(text, text, (reason, statement) => {
        const run = makeRunResult({ plain: true });
        const rule = run.rules.find((r) => r.verdict === 'skip')!;
        rule.reason = reason;
        rule.statement = statement;
        const xml = toJunitXml(toReportJson(run));
        expect(XMLValidator.validate(xml)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, parseAttributeValue: false, trimValues: false }).parse(xml);
        const tc = rawCases(doc).find((t) => t.name === rule.id)!;
        // what a reader gets back is the text minus what XML cannot carry
        expect(String(tc.skipped!.message)).toBe(reason === '' ? 'skipped' : strip(reason));
      }),
      { numRuns: 150 },
    );
  });
});
