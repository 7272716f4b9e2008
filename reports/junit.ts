// junit.xml: one <testsuite> per rule family, one <testcase> per rule.
import { expectedText } from '../harness/format.js';
import type { RuleResult } from '../harness/result.js';
import type { ReportJson } from './json.js';
import { escapeXml as x } from './escape.js';

function failureBody(r: RuleResult): string {
  const f = r.failure;
  if (!f) return r.reason ?? '';
  const actual = [f.actual.status ?? 'no answer', f.actual.code, f.actual.message, f.actual.problem].filter(Boolean).join(' ');
  return [
    `rule: ${r.id} [${r.grade}] ${r.statement}`,
    `source: ${r.sources.join('; ')}`,
    `why: ${f.reason}`,
    f.commands?.length ? `commands: ${f.commands.join(' ')}` : `request: ${f.method} ${f.path} ${f.body}`,
    `expected: ${expectedText(f.expected)}`,
    `actual: ${actual}`,
    `seed: ${f.seed} path: ${f.path_ ?? ''}`,
    `replay: ${f.replay}`,
  ].join('\n');
}

function testcase(r: RuleResult): string {
  const open = `<testcase classname="${x(r.family)}" name="${x(r.id)}" time="${(r.durationMs / 1000).toFixed(3)}">`;
  const props = `<properties><property name="grade" value="${x(r.grade)}"/><property name="verdict" value="${x(r.verdict)}"/><property name="requests" value="${r.requests}"/></properties>`;
  let inner = props;
  if (r.verdict === 'fail') inner += `<failure message="${x(`${r.id}: ${r.failure?.reason ?? r.reason ?? 'failed'}`)}" type="${x(r.grade)}">${x(failureBody(r))}</failure>`;
  else if (r.verdict === 'skip') inner += `<skipped message="${x(r.reason ?? 'skipped')}"/>`;
  if (r.verdict === 'warn' || r.verdict === 'known-deviation')
    inner += `<system-out>${x(`${r.verdict === 'warn' ? 'WARNING' : 'KNOWN DEVIATION'}: ${r.reason ?? ''}\n${failureBody(r)}`)}</system-out>`;
  return `${open}${inner}</testcase>`;
}

export function toJunitXml(report: ReportJson): string {
  const families = [...new Set(report.rules.map((r) => r.family))];
  const suites = families.map((family) => {
    const rules = report.rules.filter((r) => r.family === family);
    const failures = rules.filter((r) => r.verdict === 'fail').length;
    const skipped = rules.filter((r) => r.verdict === 'skip').length;
    const time = rules.reduce((t, r) => t + r.durationMs, 0) / 1000;
    return `  <testsuite name="${x(family)}" tests="${rules.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}" timestamp="${x(report.startedAt.replace(/Z$/, ''))}">\n    ${rules.map(testcase).join('\n    ')}\n  </testsuite>`;
  });
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="copysnapshot-conformance" tests="${report.rules.length}" failures="${s.fail}" errors="0" skipped="${s.skip}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
