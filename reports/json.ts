// report.json: the run as a versioned document; reports/report.schema.json describes it.
// Built field by field (not a spread of the RunResult) so the file is exactly what the schema says,
// and read defensively: a missing count or list in the RunResult becomes 0 or [] rather than a crash.
import type { Outcome } from '../specs/types.js';
import { summarize, type ActualAnswer, type Counterexample, type RuleResult, type RunResult, type RunSummary, type Verdict } from '../harness/result.js';
import { redactDeep } from './redaction.js';

/** Bumped whenever a field changes meaning or disappears (adding an optional field does not bump it). */
export const schemaVersion = 1;
export const toolName = 'copysnapshot-conformance';

export const verdicts: readonly Verdict[] = ['fail', 'inconclusive', 'warn', 'known-deviation', 'skip', 'pass'];

export interface ReportSummary extends RunSummary {
  total: number;
}

export interface ReportJson extends Omit<RunResult, 'summary'> {
  schemaVersion: number;
  tool: string;
  generatedAt: string;
  /** startedAt + durationMs */
  finishedAt: string;
  summary: ReportSummary;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : String(v));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const optional = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });

function outcome(v: unknown): Outcome {
  const o = obj(v);
  const status = o.status === '4xx' ? '4xx' : num(o.status);
  return { status, ...optional('code', typeof o.code === 'string' ? o.code : undefined), ...optional('message', typeof o.message === 'string' ? (o.message as Outcome['message']) : undefined) };
}

function actual(v: unknown): ActualAnswer {
  const a = obj(v);
  return {
    ...optional('status', typeof a.status === 'number' ? a.status : undefined),
    ...optional('code', typeof a.code === 'string' ? a.code : undefined),
    ...optional('message', typeof a.message === 'string' ? a.message : undefined),
    ...optional('problem', typeof a.problem === 'string' ? a.problem : undefined),
  };
}

function counterexample(v: unknown): Counterexample {
  const f = obj(v);
  return {
    method: str(f.method, 'POST'),
    path: str(f.path, '/'),
    body: str(f.body),
    ...optional('sdkInput', f.sdkInput),
    ...optional('commands', Array.isArray(f.commands) ? f.commands.map((c) => str(c)) : undefined),
    expected: list(f.expected).map(outcome),
    actual: actual(f.actual),
    reason: str(f.reason),
    seed: num(f.seed),
    ...optional('path_', f.path_ === undefined ? undefined : str(f.path_)),
    replay: str(f.replay),
    ...optional('curl', f.curl === undefined ? undefined : str(f.curl)),
  };
}

function rule(v: unknown): RuleResult {
  const r = obj(v);
  const known = verdicts.includes(r.verdict as Verdict);
  return {
    id: str(r.id, '(unnamed rule)'),
    family: str(r.family, 'unknown') as RuleResult['family'],
    statement: str(r.statement),
    grade: str(r.grade, 'inferred') as RuleResult['grade'],
    sources: list(r.sources).map((s) => str(s)),
    expected: list(r.expected).map(outcome),
    // an unknown verdict is surfaced as a failure rather than silently dropped
    verdict: known ? (r.verdict as Verdict) : 'fail',
    ...optional('reason', known ? (r.reason === undefined ? undefined : str(r.reason)) : `the harness reported an unknown verdict "${str(r.verdict)}"`),
    requests: num(r.requests),
    judged: num(r.judged),
    ...optional('rootCause', r.rootCause === undefined ? undefined : str(r.rootCause)),
    durationMs: num(r.durationMs),
    ...optional('shrinkMs', typeof r.shrinkMs === 'number' ? num(r.shrinkMs) : undefined),
    ...optional('failure', r.failure === undefined || r.failure === null ? undefined : counterexample(r.failure)),
    // what a recording says of the rule (run --evidence): kept as the harness wrote it, redacted with the rest
    ...optional('evidence', r.evidence === undefined || r.evidence === null ? undefined : (r.evidence as RuleResult['evidence'])),
  };
}

const numbers = (v: unknown): Record<string, number> => Object.fromEntries(Object.entries(obj(v)).map(([k, n]) => [k, num(n)]));

function counts(v: unknown): ReportJson['counts'] {
  const c = obj(v);
  const p = obj(c.byPhase);
  return { total: num(c.total), byAction: numbers(c.byAction), byPhase: { preflight: num(p.preflight), setup: num(p.setup), rules: num(p.rules), cleanup: num(p.cleanup) } };
}

function diagnosis(v: unknown): NonNullable<ReportJson['diagnosis']> {
  const d = obj(v);
  const kind = d.copySnapshot === 'implemented' || d.copySnapshot === 'partial' ? d.copySnapshot : 'not-implemented';
  return { copySnapshot: kind, line: str(d.line), answers: num(d.answers), protocolAnswers: num(d.protocolAnswers) };
}

function budget(v: unknown): ReportJson['budget'] {
  const b = obj(v);
  return { ...optional('max', typeof b.max === 'number' ? num(b.max) : undefined), used: num(b.used), allocation: numbers(b.allocation) };
}

/** Counts recomputed from the rules, so report.json, junit.xml and summary.md always agree. */
export function summarise(rules: readonly RuleResult[], unexpectedPasses: readonly string[] = []): ReportSummary {
  return { total: rules.length, ...summarize(rules, unexpectedPasses) };
}

/** The start as ISO 8601; a missing or unreadable one is reconstructed from the end and the duration. */
function startOf(value: unknown, durationMs: number, now: Date): Date {
  const start = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(start) ? now.getTime() - durationMs : start);
}

export function toReportJson(result: RunResult, now: Date = new Date()): ReportJson {
  const r = obj(result);
  const rules = list(r.rules).map(rule);
  const durationMs = num(r.durationMs);
  const start = startOf(r.startedAt, durationMs, now);
  const report: ReportJson = {
    schemaVersion,
    tool: toolName,
    toolVersion: str(r.toolVersion, 'unknown'),
    runId: str(r.runId),
    target: str(r.target),
    seed: num(r.seed),
    numRuns: num(r.numRuns),
    strict: r.strict === true,
    generatedAt: now.toISOString(),
    startedAt: start.toISOString(),
    finishedAt: new Date(start.getTime() + durationMs).toISOString(),
    durationMs,
    config: obj(r.config),
    rules,
    summary: summarise(rules, list(obj(r.summary).unexpectedPasses).map((s) => str(s))),
    exitCode: num(r.exitCode),
    requests: num(r.requests),
    throttled: num(r.throttled),
    counts: counts(r.counts),
    ...optional('diagnosis', r.diagnosis === undefined || r.diagnosis === null ? undefined : diagnosis(r.diagnosis)),
    rootCauses: list(r.rootCauses).map((g) => ({ cause: str(obj(g).cause), rules: list(obj(g).rules).map((x) => str(x)) })),
    budget: budget(r.budget),
    ...optional('aborted', r.aborted === undefined || r.aborted === null ? undefined : str(r.aborted)),
    ...optional('parity', r.parity === undefined || r.parity === null ? undefined : (r.parity as ReportJson['parity'])),
    ...optional('evidence', r.evidence === undefined || r.evidence === null ? undefined : (r.evidence as ReportJson['evidence'])),
  };
  // one redaction pass over everything, whatever the harness already redacted
  return redactDeep(report) as ReportJson;
}

/**
 * Why `value` is not a report.json this version can read, or undefined when it is one.
 * A structural check (not the full schema, whose validator is a dev dependency only).
 */
export function reportProblem(value: unknown): string | undefined {
  const r = obj(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  if (r.schemaVersion === undefined) return 'not a copysnapshot-conformance report (no schemaVersion)';
  if (r.schemaVersion !== schemaVersion) return `schemaVersion ${JSON.stringify(r.schemaVersion)} is not supported (this version reads ${schemaVersion})`;
  if (!Array.isArray(r.rules)) return 'no "rules" list';
  for (const [i, item] of r.rules.entries()) {
    const x = obj(item);
    if (typeof x.id !== 'string') return `rules[${i}] has no string "id"`;
    if (!verdicts.includes(x.verdict as Verdict)) return `rules[${i}] (${x.id}) has an unknown verdict ${JSON.stringify(x.verdict)}`;
    if (typeof x.grade !== 'string') return `rules[${i}] (${x.id}) has no "grade"`;
    if (!Array.isArray(x.expected)) return `rules[${i}] (${x.id}) has no "expected" list`;
  }
  return undefined;
}
