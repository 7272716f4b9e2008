// What the registry (harness/checks/index.ts) says about one rule: how it is judged, where its cases come
// from, and what one case costs. The runner (harness/run/properties.ts, plan.ts) reads entries and has no
// rule-specific branches; the rule's fixture needs are its contract entry's (specs/rules.ts `needs`).
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import type { EndpointDriver, StatefulOptions } from '../../generators/stateful.js';
import type { Fixtures } from '../../specs/types.js';
import type { CopySnapshotInput } from '../../specs/types.js';
import type { Lookup } from '../run/endpoint-ops.js';
import type { Exchange } from '../run/exchange-types.js';
import type fc from 'fast-check';

/**
 * A check that judges one answer on its own, whatever was sent. `applies` says whether the answer is one the
 * rule speaks about (envelope.error-shape judges 4xx answers only), so a rule knows how many it judged.
 */
export interface AnswerCheck {
  applies(ex: Exchange): boolean;
  check(ex: Exchange): string | undefined | Promise<string | undefined>;
}

/** What a post-state check may read from the endpoint after the answer. */
export interface PostStateView {
  describe(name: string): Promise<Lookup>;
  listTags(arn: string): Promise<Tag[] | { problem: string }>;
  /** the source snapshot as the run found it, and its tags */
  source: { snapshot?: Snapshot; tags?: Tag[] };
}

/** `notJudged`: the answer says nothing this rule speaks about (e.g. duplicate tag keys leave the copy's tags open). */
export const notJudged = Symbol('not judged');

/** Judges an accepted copy (of a valid case) by what the endpoint shows afterwards. */
export type AcceptedCheck = (view: PostStateView, ex: Exchange, input: CopySnapshotInput) => Promise<string | undefined | typeof notJudged>;

/** Judges a refused case by comparing the target and the source before and after it. */
export type RefusedCheck = (before: { target: Lookup; source?: Lookup }, after: { target: Lookup; source?: Lookup }) => string | undefined;

/** A stateful rule's property over a driver of the endpoint (generators/stateful.ts). */
export type StatefulProperty = (driver: EndpointDriver, options: StatefulOptions) => fc.IAsyncProperty<never> | fc.IAsyncProperty<unknown[]>;

/**
 * How a rule is judged, and so where its cases come from:
 * - `expected-set`: the rule's own generated cases (generators/requests.ts, wire.ts); every answer is in the set
 *   the oracle derives for the case;
 * - `answer`: every answer of the run, whichever rule's case sent it, is held to `check` (these run last);
 * - `accepted-copy`: valid copies; `check` judges what the endpoint shows after one is accepted;
 * - `refused-copy`: invalid copies; `check` compares before and after a refusal;
 * - `fill-quota`: one procedure, not a sample: copy fresh names until refused, within quota + 1 copies;
 * - `stateful`: command sequences or races against a model (`property`).
 */
export type Judge =
  | { readonly kind: 'expected-set' }
  | { readonly kind: 'answer'; readonly check: AnswerCheck }
  | { readonly kind: 'accepted-copy'; readonly check: AcceptedCheck }
  | { readonly kind: 'refused-copy'; readonly check: RefusedCheck }
  | { readonly kind: 'fill-quota' }
  | { readonly kind: 'stateful'; readonly property: StatefulProperty };

export interface RuleEntry {
  readonly judge: Judge;
  /**
   * Snapshots one case may create (the planner's share of --max-creates). Default: 1 where the contract says the
   * rule's cases may create or a 200 is acceptable (one reserved before the case is sent), else 0.
   */
  readonly createsPerCase?: number | ((fixtures: Fixtures) => number);
  /** requests one case sends, roughly, before shrinking (default 1) */
  readonly requestsPerCase?: number;
  /** one case, whatever --num-runs says: the rule is a procedure */
  readonly oneCase?: true;
  /** the rule judges SnapshotQuotaExceededFault answers itself: a full quota does not stop it (harness/run/quota-full.ts) */
  readonly judgesQuotaRefusals?: true;
}

/** A request rule judged by its expected set. */
export const expectedSet: RuleEntry = { judge: { kind: 'expected-set' } };

export type CheckStyle = 'expected-set' | 'answer' | 'post-state' | 'stateful';
