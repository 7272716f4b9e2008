// One registry of named checks, keyed by rule ID (Schemathesis-style: one job per function).
// Request rules share one check — "the answer is in the rule's expected set"; invariants have their own.
import type { Rule } from '../../specs/types.js';
import type { Exchange } from '../run/exchange-types.js';
import { errorShape, errorStatusMatchesCode, errorTypeSender, noServerError, successShape, successTypes } from './envelope.js';

export type AnswerCheck = (ex: Exchange) => string | undefined | Promise<string | undefined>;

/** Checks that judge one answer on its own, whatever was sent. */
export const answerChecks: Readonly<Record<string, AnswerCheck>> = {
  'envelope.no-5xx': noServerError,
  'envelope.error-shape': errorShape,
  'envelope.error-type-sender': errorTypeSender,
  'envelope.error-status-matches-code': errorStatusMatchesCode,
  'envelope.success-shape': successShape,
  'envelope.success-types': successTypes,
};

/** Rules judged by what the endpoint shows afterwards (harness/run/properties.ts runs them). */
export const postStateRules = [
  'post-state.returns-the-copy',
  'post-state.accepted-is-listed',
  'post-state.refused-changes-nothing',
  'post-state.tags-on-copy',
] as const;

/** Rules run as command sequences or races (generators/stateful.ts). */
export const statefulRules = ['post-state.model-sequence', 'uniqueness.concurrent-copies'] as const;

export type CheckStyle = 'expected-set' | 'answer' | 'post-state' | 'stateful';

/** How each rule is judged; every rule of the contract must have exactly one. */
export function checkStyleOf(rule: Rule): CheckStyle {
  if (rule.id in answerChecks) return 'answer';
  if ((postStateRules as readonly string[]).includes(rule.id)) return 'post-state';
  if ((statefulRules as readonly string[]).includes(rule.id)) return 'stateful';
  if (rule.kind === 'request') return 'expected-set';
  throw new Error(`no check registered for rule ${rule.id}`);
}
