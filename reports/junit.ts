// junit.xml: <testsuites>, one <testsuite> per rule family, one <testcase> per rule
// (classname = family, name = rule ID). Failures carry the rule ID, expected versus actual and the
// replay command; skips carry their reason; warnings and known deviations are passing test cases whose
// <system-out> and properties say so (they do not fail the run, so they must not fail CI either).
import { parityJunitProperties } from './parity.js';
import type { RuleResult } from '../harness/result.js';
import type { ReportJson } from './json.js';
import { escapeAttr as attr, escapeText as text } from './escape.js';
import { actualText, expectedText, failureLines, seconds } from './text.js';

function property(name: string, value: string | number): string {
  return `<property name="${attr(name)}" value="${attr(String(value))}"/>`;
}

function failureMessage(r: RuleResult): string {
  const f = r.failure;
  if (!f) return `${r.id}: ${r.reason ?? 'failed'}`;
  return `${r.id}: expected ${expectedText(f.expected)}; actual ${actualText(f.actual)} (${f.reason}) — replay: ${f.replay}`;
}

function testcase(r: RuleResult): string {
  const props = [property('verdict', r.verdict), property('grade', r.grade), property('requests', r.requests)];
  for (const source of r.sources) props.push(property('source', source));
  if (r.reason) props.push(property('reason', r.reason));
  if (r.rootCause) props.push(property('rootCause', r.rootCause));
  if (r.failure) props.push(property('seed', r.failure.seed), property('replay', r.failure.replay));
  if (r.evidence) props.push(property('evidence', `${r.evidence.status} (${r.evidence.answers} recorded answers, ${r.evidence.recordedAt})${r.evidence.contradiction ? `: ${r.evidence.contradiction.reason}` : ''}`));
  const parts = [`<properties>${props.join('')}</properties>`];
  if (r.verdict === 'fail') parts.push(`<failure message="${attr(failureMessage(r))}" type="${attr(`${r.grade}-rule-violation`)}">${text(failureLines(r).join('\n'))}</failure>`);
  if (r.verdict === 'skip') parts.push(`<skipped message="${attr(r.reason || 'skipped')}"/>`);
  // judged nothing: neither a pass nor an assertion failure, which is what JUnit's <error> means
  if (r.verdict === 'inconclusive') parts.push(`<error message="${attr(`${r.id}: inconclusive — ${r.reason ?? 'no answer was judged'}`)}" type="inconclusive">${text([`INCONCLUSIVE: ${r.reason ?? ''}`, ...failureLines(r)].join('\n'))}</error>`);
  if (r.verdict === 'warn' || r.verdict === 'known-deviation') {
    const head = r.verdict === 'warn' ? `WARNING (inferred rule failed; --strict makes it a failure): ${r.reason ?? r.failure?.reason ?? ''}` : `KNOWN DEVIATION: ${r.reason ?? ''}`;
    parts.push(`<system-out>${text([head, ...failureLines(r)].join('\n'))}</system-out>`);
  }
  return `<testcase classname="${attr(r.family)}" name="${attr(r.id)}" time="${seconds(r.durationMs)}">${parts.join('')}</testcase>`;
}

/** ISO 8601 without zone or fraction: the form the JUnit XSD (and Jenkins) expect. */
function junitTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 19);
}

export function toJunitXml(report: ReportJson): string {
  const stamp = junitTimestamp(report.startedAt);
  const stampAttr = stamp ? ` timestamp="${stamp}"` : '';
  const families = [...new Set(report.rules.map((r) => r.family))];
  const runProps = [
    property('tool', `${report.tool} ${report.toolVersion}`),
    property('target', report.target),
    property('seed', report.seed),
    property('numRuns', report.numRuns),
    property('runId', report.runId),
  ];
  if (report.aborted) runProps.push(property('aborted', report.aborted));
  if (report.diagnosis) runProps.push(property('diagnosis', report.diagnosis.line));
  for (const g of report.rootCauses) runProps.push(property('rootCause', `${g.cause}: ${g.rules.join(', ')}`));
  for (const [name, value] of parityJunitProperties(report)) runProps.push(property(name, value));
  const suites = families.map((family, id) => {
    const rules = report.rules.filter((r) => r.family === family);
    const count = (v: RuleResult['verdict']) => rules.filter((r) => r.verdict === v).length;
    const ms = rules.reduce((t, r) => t + r.durationMs, 0);
    return [
      `  <testsuite name="${attr(family)}" id="${id}" tests="${rules.length}" failures="${count('fail')}" errors="${count('inconclusive')}" skipped="${count('skip')}" time="${seconds(ms)}"${stampAttr}>`,
      `    <properties>${runProps.join('')}</properties>`,
      ...rules.map((r) => `    ${testcase(r)}`),
      '  </testsuite>',
    ].join('\n');
  });
  const total = (v: RuleResult['verdict']) => report.rules.filter((r) => r.verdict === v).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="copysnapshot-conformance" tests="${report.rules.length}" failures="${total('fail')}" errors="${total('inconclusive')}" skipped="${total('skip')}" time="${seconds(report.durationMs)}"${stampAttr}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
