// One registry of named checks, keyed by rule ID (Schemathesis-style: one job per function).
// Request rules share one check — "the answer is in the rule's expected set"; invariants have their own.
import type { ContractRule as Rule, RuleId, RuleIdOfFamily, RuleIdOfKind } from '../../specs/rules.js';
import type { Exchange } from '../run/exchange-types.js';
import { faultByCode } from '../../specs/faults.js';
import { errorShape, errorStatusMatchesCode, errorTypeSender, noServerError, successShape, successTypes } from './envelope.js';

/**
 * A check that judges one answer on its own, whatever was sent. `applies` says whether the answer is one the
 * rule speaks about (envelope.error-shape judges 4xx answers only), so a rule knows how many it judged.
 */
export interface AnswerCheck {
  applies(ex: Exchange): boolean;
  check(ex: Exchange): string | undefined | Promise<string | undefined>;
}

const status = (ex: Exchange) => ex.parsed?.status;

/** The envelope invariants: each judges one answer on its own. */
export type AnswerRuleId = Extract<RuleIdOfKind<'invariant'>, RuleIdOfFamily<'envelope'>>;

/** Checks that judge one answer on its own, whatever was sent; the run holds every answer to them (one per AnswerRuleId). */
export const answerChecks: Readonly<Record<AnswerRuleId, AnswerCheck>> = {
  'envelope.no-5xx': { applies: (ex) => ex.answer !== undefined || ex.transportError !== undefined, check: noServerError },
  'envelope.error-shape': { applies: (ex) => (status(ex) ?? 0) >= 400 && (status(ex) ?? 0) < 500, check: errorShape },
  'envelope.error-type-sender': { applies: (ex) => ex.parsed?.kind === 'error' && ex.parsed.status < 500, check: errorTypeSender },
  'envelope.error-status-matches-code': { applies: (ex) => ex.parsed?.kind === 'error' && ex.parsed.code !== undefined && faultByCode(ex.parsed.code) !== undefined, check: errorStatusMatchesCode },
  'envelope.success-shape': { applies: (ex) => status(ex) === 200, check: successShape },
  'envelope.success-types': { applies: (ex) => ex.parsed?.kind === 'success' && ex.answer !== undefined, check: successTypes },
};

/** Rules judged by what the endpoint shows afterwards (harness/run/properties.ts runs them). */
export const postStateRules = [
  'post-state.returns-the-copy',
  'post-state.accepted-is-listed',
  'post-state.refused-changes-nothing',
  'post-state.tags-on-copy',
] as const satisfies readonly RuleId[];

/** Rules run as command sequences or races (generators/stateful.ts). */
export const statefulRules = ['post-state.model-sequence', 'uniqueness.concurrent-copies'] as const satisfies readonly RuleIdOfKind<'stateful'>[];

export type CheckStyle = 'expected-set' | 'answer' | 'post-state' | 'stateful';

/** How each rule is judged; every rule of the contract must have exactly one. */
export function checkStyleOf(rule: Rule): CheckStyle {
  if (rule.id in answerChecks) return 'answer';
  if ((postStateRules as readonly string[]).includes(rule.id)) return 'post-state';
  if ((statefulRules as readonly string[]).includes(rule.id)) return 'stateful';
  if (rule.kind === 'request') return 'expected-set';
  throw new Error(`no check registered for rule ${rule.id}`);
}
