// The run's plan: which rules run, how many cases each, and how the create budget is shared out.
// `plan` prints it and `run` executes it, from this one function, so the two always agree.
import { ruleById, type ContractRule, type RuleId } from '../../specs/rules.js';
import type { Fixtures, Grade } from '../../specs/types.js';
import { createsPerCase, entryOf } from '../checks/index.js';
import { missingFixture } from './skip.js';

export interface PlanInput {
  /** the selected rules, in run order */
  ruleIds: readonly RuleId[];
  fixtures: Fixtures;
  /** ListTagsForResource works on the endpoint (plan assumes it does: it sends nothing) */
  canListTags: boolean;
  /** undefined: unbounded */
  maxCreates?: number;
  numRuns: number;
}

export interface PlannedRule {
  rule: RuleId;
  runs: boolean;
  /** why it does not run (names the flag that would enable it) */
  reason?: string;
  /** fast-check runs */
  cases: number;
  /** snapshots it may create; with a finite budget, its share */
  creates: number;
  /** rough request estimate before shrinking */
  requests: number;
}

export interface RunPlan {
  rows: PlannedRule[];
  maxCreates?: number;
  /** creates allotted per rule, in allocation order */
  allocation: Partial<Record<RuleId, number>>;
}

/** Requests one case sends, roughly (post-state rules read before and after): the rule's registry entry says. */
function requestsPerCase(rule: ContractRule): number {
  return entryOf(rule.id).requestsPerCase ?? 1;
}

/** Budget order: evidence first (documented, then observed, then inferred); the run order breaks ties. */
const gradeRank: Record<Grade, number> = { documented: 0, observed: 1, inferred: 2 };

export function planRun(input: PlanInput): RunPlan {
  const rows = new Map<RuleId, PlannedRule>();
  const creating: ContractRule[] = [];
  for (const id of input.ruleIds) {
    const rule = ruleById(id);
    const reason = missingFixture(input.fixtures, input.canListTags, rule);
    const cases = entryOf(rule.id).oneCase ? 1 : input.numRuns;
    if (reason) rows.set(id, { rule: id, runs: false, reason, cases: 0, creates: 0, requests: 0 });
    else {
      rows.set(id, { rule: id, runs: true, cases, creates: 0, requests: cases * requestsPerCase(rule) });
      if (createsPerCase(rule, input.fixtures) > 0) creating.push(rule);
    }
  }
  const order = new Map(input.ruleIds.map((id, i) => [id, i]));
  creating.sort((a, b) => gradeRank[a.grade] - gradeRank[b.grade] || order.get(a.id)! - order.get(b.id)!);
  const allocation: Partial<Record<RuleId, number>> = {};
  let left = input.maxCreates ?? Number.POSITIVE_INFINITY;
  for (const rule of creating) {
    const row = rows.get(rule.id)!;
    const per = createsPerCase(rule, input.fixtures);
    const cases = Math.min(row.cases, Math.floor(left / per));
    if (cases < 1) {
      Object.assign(row, { runs: false, cases: 0, requests: 0, reason: `needs ${per} create${per === 1 ? '' : 's'}; --max-creates ${input.maxCreates} is spent on rules with stronger evidence (documented, then observed, then inferred)` });
      continue;
    }
    row.cases = cases;
    row.creates = cases * per;
    row.requests = cases * requestsPerCase(rule);
    allocation[rule.id] = row.creates;
    left -= row.creates;
  }
  const plan: RunPlan = { rows: input.ruleIds.map((id) => rows.get(id)!), allocation };
  if (input.maxCreates !== undefined) plan.maxCreates = input.maxCreates;
  return plan;
}

/**
 * The rules of shard `index` of `count` (1-based): every count-th rule of the plan, so each shard gets a mix
 * of families. The plan (and its create allocation) is the whole run's, so the shards' creates add up to at
 * most --max-creates.
 */
export function shardRules<Id extends string>(ruleIds: readonly Id[], shard?: { index: number; count: number }): Id[] {
  if (!shard) return [...ruleIds];
  return ruleIds.filter((_, i) => i % shard.count === shard.index - 1);
}
