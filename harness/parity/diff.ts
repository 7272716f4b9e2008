// Compare two sides' normalized answers step by step (aligned by case path), group the differences by rule
// family, and hold them to an allow-list of accepted differences.
import { readFileSync } from 'node:fs';
import { asRuleId, ruleById } from '../../specs/rules.js';
import type { Family } from '../../specs/types.js';
import { UsageError } from '../errors.js';
import type { FamilyDifferences, NormalizedAnswer, ParityDiff, StepDifference } from '../parity-types.js';
import { loadBody, type CassetteExchange } from './cassette.js';
import { caseOfPath, statefulRules } from './sequence.js';

/** Accepted differences: rule ID, case path (`rule/i`), step path (`rule/i/j`) or family → reason. */
export type AllowList = Record<string, string>;

export function readAllowList(file: string): AllowList {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--allow-diff ${file}: ${code ? `cannot be read (${code})` : 'is not JSON'}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--allow-diff ${file}: must be a JSON object of rule ID, case path or family → reason`);
  for (const [key, reason] of Object.entries(value)) if (typeof reason !== 'string') throw new UsageError(`--allow-diff ${file}: the reason for "${key}" must be a string`);
  return value as AllowList;
}

/** The normalized fields on which `a` and `b` differ (every field: normalization already took out what may). */
export function differingFields(a: NormalizedAnswer, b: NormalizedAnswer): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof NormalizedAnswer)[];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function shownRequest(ex: CassetteExchange): StepDifference['request'] {
  const body = loadBody(ex.request.body);
  const text = typeof body === 'string' ? body : `(${body.byteLength} bytes, not UTF-8)`;
  return { method: ex.request.method, path: ex.request.path, body: text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text };
}

function allowedBy(allow: AllowList, d: Pick<StepDifference, 'rule' | 'family' | 'case'>): string | undefined {
  return allow[d.case] ?? allow[caseOfPath(d.case)] ?? allow[d.rule] ?? allow[d.family];
}

const outcomeFields = new Set(['outcome', 'status', 'code', 'problem', 'missing-step']);

/**
 * The rule that judges a field of a request step's answer, when the outcome itself agrees: the envelope's parts
 * are the envelope rules' business, the returned Snapshot's name the post-state rule's; the rest the case's own.
 */
function judgeOf(field: string, caseRule: string, answer: NormalizedAnswer | undefined): string {
  if (field === 'snapshotName' || field === 'snapshotStatus') return 'post-state.returns-the-copy';
  if (field === 'snapshot') return 'envelope.success-types';
  if (field === 'type') return 'envelope.error-type-sender';
  if (['envelope', 'namespace', 'contentType', 'requestId', 'requestIdHeader', 'missing'].includes(field)) return answer?.outcome === 'success' ? 'envelope.success-shape' : 'envelope.error-shape';
  return caseRule;
}

/**
 * A step's differing fields under the rules that judge them: a different outcome is the case's own rule's
 * (the envelope differs with it as a matter of course); the same outcome with other differences is split by judge.
 */
function byJudge(ex: CassetteExchange, fields: string[], other?: NormalizedAnswer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (fields.length === 0) return out;
  if ((ex.step !== 'copy' && ex.step !== 'precreate') || fields.some((f) => outcomeFields.has(f)) || fields.includes('message')) {
    // an invariant's sample drawn to break a request rule: a different outcome (or message) is that rule's business
    out.set(ex.drawnFor ?? ex.rule, fields);
    // a 5xx on one side only is also the no-5xx invariant's business, whichever case drew it
    if (fields.includes('status') && ((ex.normalized.status ?? 0) >= 500 || (other?.status ?? 0) >= 500)) out.set('envelope.no-5xx', ['status']);
    return out;
  }
  for (const f of fields) {
    const judge = judgeOf(f, ex.rule, ex.normalized);
    out.set(judge, [...(out.get(judge) ?? []), f]);
  }
  return out;
}

/** The race's copies are compared as a set: which of the two wins is the endpoint's choice. */
function unorderedKey(ex: CassetteExchange): string | undefined {
  return ex.rule === statefulRules.race && ex.step === 'copy' ? caseOfPath(ex.case) : undefined;
}

/**
 * Request IDs compared by reference, not by number: a side's `<request-id:N>` becomes `<request-id>` the first time
 * that side shows it and `<request-id:again>` after (an endpoint that reuses IDs differs; numbering never does,
 * whatever part of a cassette is compared).
 */
function byReference(steps: readonly CassetteExchange[]): CassetteExchange[] {
  const seen = new Set<string>();
  const ref = (id: string | undefined) => {
    if (id === undefined || !id.startsWith('<request-id:')) return id;
    const again = seen.has(id);
    seen.add(id);
    return again ? '<request-id:again>' : '<request-id>';
  };
  return [...steps]
    .sort((x, y) => x.seq - y.seq)
    .map((ex) => {
      const n = { ...ex.normalized };
      const requestId = ref(n.requestId);
      if (requestId !== undefined) n.requestId = requestId;
      const header = ref(n.requestIdHeader);
      if (header !== undefined) n.requestIdHeader = header;
      return { ...ex, normalized: n };
    });
}

export function diffSides(sideA: readonly CassetteExchange[], sideB: readonly CassetteExchange[], labels: { a: string; b: string }, allow: AllowList = {}): ParityDiff {
  const a = byReference(sideA);
  const b = byReference(sideB);
  const bByCase = new Map(b.map((ex) => [ex.case, ex]));
  const aCases = new Set(a.map((ex) => ex.case));
  const differences: StepDifference[] = [];
  const rules: string[] = [];
  const push = (d: Omit<StepDifference, 'family' | 'allowed'>) => {
    const family = ruleById(asRuleId(d.rule)).family;
    const full: StepDifference = { ...d, family };
    const reason = allowedBy(allow, full);
    if (reason !== undefined) full.allowed = reason;
    differences.push(full);
  };
  const doneUnordered = new Set<string>();
  const stepsByRule: Record<string, number> = {};
  for (const ex of [...a].sort((x, y) => x.seq - y.seq)) {
    if (!rules.includes(ex.rule)) rules.push(ex.rule);
    stepsByRule[ex.rule] = (stepsByRule[ex.rule] ?? 0) + 1;
    const group = unorderedKey(ex);
    if (group !== undefined) {
      if (doneUnordered.has(group)) continue;
      doneUnordered.add(group);
      const sideA = a.filter((x) => unorderedKey(x) === group).map((x) => JSON.stringify(x.normalized)).sort();
      const sideB = b.filter((x) => unorderedKey(x) === group).map((x) => JSON.stringify(x.normalized)).sort();
      const other = b.find((x) => unorderedKey(x) === group);
      const mismatch = sideA.findIndex((s, i) => s !== sideB[i]);
      if (mismatch >= 0 || sideA.length !== sideB.length) {
        const i = Math.max(0, mismatch);
        const na = sideA[i] !== undefined ? (JSON.parse(sideA[i]!) as NormalizedAnswer) : undefined;
        const nb = sideB[i] !== undefined ? (JSON.parse(sideB[i]!) as NormalizedAnswer) : undefined;
        const request = shownRequest(other ?? ex);
        if (!na || !nb) push({ rule: ex.rule, case: group, step: 'copy', fields: ['missing'], ...(na ? { a: na } : {}), ...(nb ? { b: nb } : {}), request });
        else for (const [rule, fields] of byJudge({ ...ex, normalized: na }, differingFields(na, nb), nb)) push({ rule, case: group, step: 'copy', fields, a: na, b: nb, request });
      }
      continue;
    }
    const other = bByCase.get(ex.case);
    if (!other) {
      push({ rule: ex.rule, case: ex.case, step: ex.step, fields: ['missing'], a: ex.normalized, request: shownRequest(ex) });
      continue;
    }
    const fields = differingFields(ex.normalized, other.normalized);
    for (const [rule, mine] of byJudge(ex, fields, other.normalized)) push({ rule, case: ex.case, step: ex.step, fields: mine, a: ex.normalized, b: other.normalized, request: shownRequest(other) });
  }
  for (const ex of b) {
    if (aCases.has(ex.case) || unorderedKey(ex) !== undefined) continue;
    push({ rule: ex.rule, case: ex.case, step: ex.step, fields: ['missing'], b: ex.normalized, request: shownRequest(ex) });
  }
  const byFamily = new Map<Family, FamilyDifferences>();
  for (const d of differences) {
    if (d.allowed !== undefined) continue;
    const f = byFamily.get(d.family) ?? { family: d.family, rules: [], differences: 0 };
    f.differences++;
    if (!f.rules.includes(d.rule)) f.rules.push(d.rule);
    byFamily.set(d.family, f);
  }
  return {
    sides: labels,
    steps: { a: a.length, b: b.length },
    rules,
    stepsByRule,
    differences,
    byFamily: [...byFamily.values()],
    allowed: differences.filter((d) => d.allowed !== undefined).length,
  };
}

/** Differences the allow-list does not accept: these make the exit 1. */
export const unacceptedDifferences = (diff: ParityDiff): StepDifference[] => diff.differences.filter((d) => d.allowed === undefined);
