// The registry: one entry per rule of the contract, one file per family (./families/). `Record<RuleId, …>`
// makes a rule without an entry a compile error; the runner reads entries and has no rule-specific branches.
// A rule ID such as `tags.max-50` finds its contract entry in specs/rules.ts, its generator in
// generators/requests.ts (or wire.ts), its entry in ./families/tags.ts and its line in every report.
import type { ContractRule, RuleId } from '../../specs/rules.js';
import type { Fixtures } from '../../specs/types.js';
import type { AnswerCheck, CheckStyle, RuleEntry } from './entry.js';
import { envelope } from './families/envelope.js';
import { exportRules } from './families/export.js';
import { names } from './families/names.js';
import { postState } from './families/post-state.js';
import { quota } from './families/quota.js';
import { state } from './families/state.js';
import { tags } from './families/tags.js';
import { uniqueness } from './families/uniqueness.js';
import { wire } from './families/wire.js';

export type { AcceptedCheck, AnswerCheck, CheckStyle, Judge, PostStateView, RefusedCheck, RuleEntry } from './entry.js';
export { notJudged } from './entry.js';

export const registry: Readonly<Record<RuleId, RuleEntry>> = {
  ...names,
  ...uniqueness,
  ...state,
  ...tags,
  ...exportRules,
  ...quota,
  ...envelope,
  ...wire,
  ...postState,
};

export function entryOf(id: RuleId): RuleEntry {
  return registry[id];
}

/** The rules every answer of the run is held to, with their checks (harness/run/observer.ts). */
export const answerChecks: ReadonlyMap<RuleId, AnswerCheck> = new Map(
  Object.entries(registry).flatMap(([id, e]) => (e.judge.kind === 'answer' ? [[id as RuleId, e.judge.check] as const] : [])),
);

/** True for a rule that judges every answer of the run: it runs after the others, once their answers are in. */
export function judgesEveryAnswer(id: RuleId): boolean {
  return registry[id].judge.kind === 'answer';
}

/** The rules that judge every answer last, the others first, each group in the given order. */
export function everyAnswerLast<Id extends RuleId>(ids: readonly Id[]): Id[] {
  return [...ids.filter((id) => !judgesEveryAnswer(id)), ...ids.filter(judgesEveryAnswer)];
}

/** Snapshots one case of `rule` may create (see RuleEntry.createsPerCase). */
export function createsPerCase(rule: ContractRule, fixtures: Fixtures): number {
  const given = registry[rule.id].createsPerCase;
  if (typeof given === 'function') return given(fixtures);
  if (given !== undefined) return given;
  // a case the endpoint may accept (200 is in the expected set) reserves a create before it is sent
  return rule.creates || rule.expect.some((o) => o.status === 200) ? 1 : 0;
}

/** How each rule is judged, in four words (library API). */
export function checkStyleOf(rule: ContractRule): CheckStyle {
  const kind = registry[rule.id].judge.kind;
  if (kind === 'answer' || kind === 'expected-set' || kind === 'stateful') return kind;
  if (kind === 'fill-quota') return 'expected-set';
  return 'post-state';
}
