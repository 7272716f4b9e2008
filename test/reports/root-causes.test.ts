// Failures that share one root cause are told once, under that cause, in the console and every report;
// inconclusive rules are counted and shown as what they are (JUnit: <error>, never a pass).
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { failureBlocks, summaryLine } from '../../harness/format.js';
import { groupRootCauses } from '../../harness/run/root-cause.js';
import type { RunResult } from '../../harness/result.js';
import { toHtml, toJunitXml, toMarkdown, toReportJson } from '../../reports/index.js';
import { compareReports } from '../../reports/compare.js';
import { makeRunResult } from './fixture.js';

const cause = 'HTTP 500 text/html page';

/** A run where three failing rules and two inconclusive ones share one cause, and one failure has its own. */
function runWithSharedCause(): RunResult {
  const base = makeRunResult({ plain: true });
  const ids = base.rules.map((r) => r.id);
  const [f1, f2, f3, i1, i2, own] = ids;
  const run = makeRunResult({ plain: true, verdicts: { [f1!]: 'fail', [f2!]: 'fail', [f3!]: 'fail', [i1!]: 'inconclusive', [i2!]: 'inconclusive', [own!]: 'fail' } });
  for (const r of run.rules) {
    if ([f1, f2, f3, i1, i2].includes(r.id)) r.rootCause = cause;
    if (r.verdict === 'inconclusive') r.reason = '0 of 12 answers were a protocol answer (12 HTTP 500 text/html page)';
  }
  run.rootCauses = groupRootCauses(run.rules);
  const count = (v: string) => run.rules.filter((r) => r.verdict === v).length;
  run.summary = { ...run.summary, pass: count('pass'), fail: count('fail'), warn: count('warn'), skip: count('skip'), knownDeviation: count('known-deviation'), inconclusive: count('inconclusive') };
  return run;
}

describe('root causes', () => {
  const run = runWithSharedCause();
  const shared = run.rootCauses.find((g) => g.cause === cause)!;

  it('are grouped from the rules (fails and inconclusive alike)', () => {
    expect(shared.rules).toHaveLength(5);
  });

  it('the console tells a shared cause once: one header, one example failure, then the unrelated failure', () => {
    const blocks = failureBlocks(run);
    const grouped = blocks.filter((b) => b.startsWith(`root cause shared by 5 rules: ${cause}`));
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toContain('first failure:');
    // the unrelated failure has its own block; the other two failures of the group have none
    const failing = run.rules.filter((r) => r.verdict === 'fail');
    const own = failing.find((r) => r.rootCause === undefined)!;
    expect(blocks.some((b) => b.startsWith(own.id))).toBe(true);
    const ungrouped = run.rules.filter((r) => (r.verdict === 'fail' || r.verdict === 'warn') && r.rootCause === undefined);
    expect(blocks).toHaveLength(1 + ungrouped.length);
    for (const id of shared.rules.slice(1)) expect(blocks.filter((b) => b.startsWith(id))).toEqual([]);
  });

  it('the summary line counts inconclusive rules and requests by action', () => {
    run.counts.byAction = { CopySnapshot: 11, DescribeSnapshots: 5 };
    const line = summaryLine(run);
    expect(line).toMatch(/2 inconclusive/);
    expect(line).toMatch(/\(CopySnapshot 11, DescribeSnapshots 5\)/);
  });

  it('summary.md has a Root causes section and an inconclusive column', () => {
    const md = toMarkdown(toReportJson(run));
    expect(md).toContain('## Root causes');
    expect(md).toContain(`**${cause}** — 5 rules`);
    expect(md).toMatch(/\| known deviation \| inconclusive \| skip \|/);
  });

  it('report.html lists the root cause', () => {
    const html = toHtml(toReportJson(run));
    expect(html).toMatch(/<section id="root-causes">.*HTTP 500 text\/html page<\/b> — 5 rules/s);
  });

  it('junit.xml reports inconclusive rules as <error>, counted in errors=', () => {
    const xml = toJunitXml(toReportJson(run));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { errors: string; testsuite: unknown } };
    expect(doc.testsuites.errors).toBe('2');
    expect((xml.match(/<error message=/g) ?? []).length).toBe(2);
    expect(xml).toContain(`name="rootCause" value="${cause}"`);
  });

  it('compare counts pass → inconclusive as a regression', () => {
    const before = makeRunResult({ plain: true });
    const id = before.rules.find((r) => r.verdict === 'pass')!.id;
    const after = makeRunResult({ plain: true, verdicts: { [id]: 'inconclusive' } });
    const c = compareReports(toReportJson(before), toReportJson(after));
    expect(c.regressions.map((r) => r.id)).toEqual([id]);
  });
});
