// `compare BASE.json NEW.json [--fail-on regression]`: what changed between two runs.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { RuleResult } from '../harness/result.js';
import { schemaVersion, type ReportJson } from './json.js';

export interface Comparison {
  regressions: string[];
  fixed: string[];
  changedGrade: string[];
  changedExpectations: string[];
  added: string[];
  removed: string[];
}

const failing = (r: RuleResult) => r.verdict === 'fail';

export function compareReports(base: ReportJson, next: ReportJson): Comparison {
  const before = new Map(base.rules.map((r) => [r.id, r]));
  const after = new Map(next.rules.map((r) => [r.id, r]));
  const out: Comparison = { regressions: [], fixed: [], changedGrade: [], changedExpectations: [], added: [], removed: [] };
  for (const [id, r] of after) {
    const b = before.get(id);
    if (!b) {
      out.added.push(id);
      continue;
    }
    if (b.verdict === 'pass' && failing(r)) out.regressions.push(id);
    if ((failing(b) || b.verdict === 'warn') && r.verdict === 'pass') out.fixed.push(id);
    if (b.grade !== r.grade) out.changedGrade.push(`${id}: ${b.grade} → ${r.grade}`);
    if (JSON.stringify(b.expected) !== JSON.stringify(r.expected)) out.changedExpectations.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) out.removed.push(id);
  return out;
}

async function readReport(file: string): Promise<ReportJson | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `cannot read ${file}`;
  }
  try {
    const report = JSON.parse(text) as ReportJson;
    if (report.schemaVersion !== schemaVersion || !Array.isArray(report.rules)) return `${file} is not a report.json of schemaVersion ${schemaVersion}`;
    return report;
  } catch {
    return `${file} is not JSON`;
  }
}

export async function runCompareCommand(argv: string[]): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`copysnapshot-conformance compare: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'fail-on': { type: 'string' }, json: { type: 'boolean' } } });
  } catch (error) {
    return fail(String((error as Error).message).split('\n')[0] ?? 'bad flags');
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) return fail('usage: compare BASE.json NEW.json [--fail-on regression]');
  if (values['fail-on'] !== undefined && values['fail-on'] !== 'regression') return fail(`--fail-on takes "regression", got "${values['fail-on']}"`);
  const [base, next] = await Promise.all(positionals.map(readReport));
  if (typeof base === 'string') return fail(base);
  if (typeof next === 'string') return fail(next);
  const c = compareReports(base!, next!);
  if (values.json) process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
  else {
    const section = (title: string, items: string[]) => (items.length ? `${title} (${items.length}):\n${items.map((i) => `  ${i}`).join('\n')}\n` : '');
    const text =
      section('newly failing', c.regressions) + section('fixed', c.fixed) + section('changed grade', c.changedGrade) + section('changed expectations', c.changedExpectations) + section('new rules', c.added) + section('removed rules', c.removed);
    process.stdout.write(text || 'no differences in verdicts, grades or rules\n');
  }
  return values['fail-on'] === 'regression' && c.regressions.length > 0 ? 1 : 0;
}
