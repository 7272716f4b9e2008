// Everything one run shares: the target, fixtures, names it owns, budget, ledger, counters.
import { randomBytes } from 'node:crypto';
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import type { CopySnapshotInput, Fixtures } from '../../specs/types.js';
import type { ResolvedConfig } from '../config.js';
import type { RequestCounts } from '../result.js';
import type { EndpointHealth, Target } from '../transport/index.js';
import type { PhaseRef } from './counting.js';
import type { AnswerObserver } from './observer.js';
import type { RunPlan } from './plan.js';
import { CreateBudget } from './budget.js';
import { Ledger } from './ledger.js';

export type { Case, WireCase } from '../../generators/types.js';

export interface SourceInfo {
  snapshot?: Snapshot;
  tags?: Tag[];
}

/** What one rule saw: requests, answers to its cases, how many were protocol answers, and what the rest were. */
export interface RuleStats {
  requests: number;
  judged: number;
  answers: number;
  protocol: number;
  causes: Record<string, number>;
}

export interface RunContext {
  config: ResolvedConfig;
  target: Target;
  runId: string;
  /** every name the run creates starts with this (lowercase, a valid snapshot-name start) */
  namePrefix: string;
  fixtures: Fixtures;
  source: SourceInfo;
  /** ListTagsForResource works on this endpoint */
  canListTags: boolean;
  budget: CreateBudget;
  ledger: Ledger;
  health: EndpointHealth;
  /** requests sent through sendCase (every request of the run is in `counts`) */
  stats: { requests: number; throttled: number };
  /** every request the run sent, by action and phase (counted at the target's send) */
  counts: RequestCounts;
  phase: PhaseRef;
  /** holds every answer to the envelope invariants */
  observer: AnswerObserver;
  /** the plan the run executes (set once fixtures are known) */
  plan?: RunPlan;
  /** requests and judged answers of the rule being run (a per-rule view of the context sets its own) */
  ruleStats?: RuleStats;
  /** shared by every view of the run: set once the endpoint stopped answering */
  control: { abort?: { reason: string; exitCode: number }; liveness?: Promise<boolean> };
  signal: AbortSignal;
}

export function newRunId(): string {
  // lowercase letters and digits, starting with a letter: a valid snapshot-name fragment
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(8);
  let id = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < 8; i++) id += alphabet[bytes[i]! % alphabet.length];
  return id;
}

/** `csc-<run>-` (plus a tag per worker, so parallel spec files never pick the same name). */
export function namePrefixFor(runId: string, tag?: string): string {
  return tag ? `csc-${runId}-${tag}-` : `csc-${runId}-`;
}

/** The ownership tag a run puts on what it creates, where the request leaves room for it. */
export const ownershipTagKey = 'conformance:run-id';

/**
 * The run's own setup requests (precreated targets, stateful and quota copies) carry the ownership tag.
 * Generated cases do not: their tags are what the rules check (a 50-tag case must stay at 50).
 */
export function withOwnershipTag(ctx: RunContext, input: CopySnapshotInput): CopySnapshotInput {
  return input.Tags === undefined ? { ...input, Tags: [{ Key: ownershipTagKey, Value: ctx.runId }] } : input;
}
