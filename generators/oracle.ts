// The one oracle: which rules a request breaks against a known endpoint state, and so which
// outcomes a conforming endpoint may give. Outcomes are read from the contract (specs/rules.ts),
// never retyped. The reference mock is a separate reading of the contract and never calls this.
import type { Contract } from '../specs/contract.js';
import type { RuleId, RuleIdOfKind } from '../specs/rules.js';
import { codePointLength, hasReservedPrefix, isDnsCompliantBucket } from '../specs/limits.js';
import { exportObjectKey } from '../specs/messages.js';
import type { BucketCondition, CopySnapshotInput, Fixtures, Outcome } from '../specs/types.js';

/** What the oracle knows about an endpoint. */
export interface EndpointState {
  /** existing snapshots: lowercased name → status (`available`, `creating`, …) */
  snapshots: Map<string, string>;
  /** declared buckets with their condition, or `ok`; any other bucket does not exist */
  buckets: Map<string, BucketCondition | 'ok'>;
  /** existing export objects, as `bucket/key` */
  objects: Set<string>;
  /** the declared snapshot quota and how many snapshots count against it */
  quota?: { limit: number; used: number };
}

export interface Expectation {
  /** rules the request breaks: refusing rules first, then rules that leave the outcome open */
  broken: RuleId[];
  /** the acceptable outcomes: a conforming endpoint gives one of these */
  outcomes: Outcome[];
}

/** Rules whose outcome the contract leaves open: they widen the acceptable set, they do not demand a refusal. */
export const openRules: ReadonlySet<RuleId> = new Set<RuleId>(['names.whitespace', 'tags.duplicate-keys', 'tags.value-reserved-prefix']);

export { isDnsCompliantBucket };

/** An export: a non-empty TargetBucket. `TargetBucket=` is a plain copy (docs/contract.md#export-to-s3). */
export function isExport(input: CopySnapshotInput): boolean {
  return input.TargetBucket !== undefined && input.TargetBucket !== '';
}

export interface StateOptions {
  /** how many snapshots already count against a declared quota (unknown to a run: default 0) */
  quotaUsed?: number;
}

/** The state a run knows before it sends anything: the declared fixtures. */
export function stateFromFixtures(fixtures: Fixtures, options: StateOptions = {}): EndpointState {
  const state: EndpointState = { snapshots: new Map(), buckets: new Map(), objects: new Set() };
  if (fixtures.sourceSnapshot) state.snapshots.set(fixtures.sourceSnapshot.toLowerCase(), 'available');
  if (fixtures.pendingSnapshot) state.snapshots.set(fixtures.pendingSnapshot.toLowerCase(), 'creating');
  if (fixtures.exportBucket) state.buckets.set(fixtures.exportBucket, 'ok');
  for (const [condition, bucket] of Object.entries(fixtures.buckets ?? {}) as [BucketCondition, string][]) {
    if (condition === 'does-not-exist') continue; // an undeclared bucket does not exist
    // the object-exists bucket is usable; only the one key it holds collides
    state.buckets.set(bucket, condition === 'object-exists' ? 'ok' : condition);
    if (condition === 'object-exists' && fixtures.existingExportTarget) state.objects.add(`${bucket}/${exportObjectKey(fixtures.existingExportTarget)}`);
  }
  if (fixtures.snapshotQuota !== undefined) state.quota = { limit: fixtures.snapshotQuota, used: options.quotaUsed ?? 0 };
  return state;
}

/** A copy of `state` that can be changed without touching the original. */
export function copyState(state: EndpointState): EndpointState {
  const out: EndpointState = { snapshots: new Map(state.snapshots), buckets: new Map(state.buckets), objects: new Set(state.objects) };
  if (state.quota) out.quota = { ...state.quota };
  return out;
}

type Check = (input: CopySnapshotInput, state: EndpointState, contract: Contract) => boolean;
const tagsOf = (input: CopySnapshotInput) => input.Tags ?? [];
const target = (input: CopySnapshotInput) => input.TargetSnapshotName;
const nonBlank = (text: string | undefined): text is string => text !== undefined && text !== '';

/** Plain copy onto an existing name: which of the three uniqueness rules it is. */
function collision(input: CopySnapshotInput, state: EndpointState): 'target-equals-source' | 'target-exists' | 'case-insensitive' | undefined {
  const dst = target(input);
  if (!nonBlank(dst) || isExport(input) || !state.snapshots.has(dst.toLowerCase())) return undefined;
  const src = input.SourceSnapshotName;
  if (src !== undefined && src.toLowerCase() === dst.toLowerCase()) return 'target-equals-source';
  return state.snapshots.has(dst) ? 'target-exists' : 'case-insensitive';
}

/** The export bucket's problem, if any: a name that is not DNS-compliant is judged before existence. */
function bucketProblem(input: CopySnapshotInput, state: EndpointState): BucketCondition | 'not-dns' | undefined {
  if (!isExport(input)) return undefined;
  const bucket = input.TargetBucket!;
  if (!isDnsCompliantBucket(bucket)) return 'not-dns';
  const condition = state.buckets.get(bucket);
  if (condition === undefined) return 'does-not-exist';
  if (condition !== 'ok') return condition;
  const dst = target(input);
  return nonBlank(dst) && state.objects.has(`${bucket}/${exportObjectKey(dst)}`) ? 'object-exists' : undefined;
}

/**
 * Each rule's decision, exactly as docs/contract.md#defaults-for-open-questions states it, in the order refusals are listed.
 * Lengths are code points; names are compared lowercased; `aws:` in any letter case.
 */
const decisions: readonly (readonly [rule: RuleIdOfKind<'request'>, breaks: Check])[] = [
  ['names.source-required', (i) => i.SourceSnapshotName === undefined],
  ['names.source-blank', (i) => i.SourceSnapshotName === ''],
  ['names.target-required', (i) => i.TargetSnapshotName === undefined],
  ['names.target-blank', (i) => i.TargetSnapshotName === ''],
  ['tags.key-required', (i) => tagsOf(i).some((t) => !nonBlank(t.Key))],
  ['tags.key-max-128', (i, _s, c) => tagsOf(i).some((t) => codePointLength(t.Key ?? '') > c.limits.maxTagKeyLength)],
  ['tags.value-max-256', (i, _s, c) => tagsOf(i).some((t) => codePointLength(t.Value ?? '') > c.limits.maxTagValueLength)],
  ['tags.key-reserved-prefix', (i) => tagsOf(i).some((t) => hasReservedPrefix(t.Key))],
  // `aws:` keys do not count against the 50 (docs/contract.md#tags)
  ['tags.max-50', (i, _s, c) => tagsOf(i).filter((t) => !hasReservedPrefix(t.Key)).length > c.limits.maxTagsPerResource],
  ['export.kms-with-bucket', (i) => isExport(i) && nonBlank(i.KmsKeyId)],
  ['export.target-name-max-1000', (i, _s, c) => isExport(i) && codePointLength(target(i) ?? '') > c.limits.maxExportTargetNameLength],
  ['export.bucket-name-not-dns', (i, s) => bucketProblem(i, s) === 'not-dns'],
  ['export.outside-region', (i, s) => bucketProblem(i, s) === 'outside-region'],
  ['export.does-not-exist', (i, s) => bucketProblem(i, s) === 'does-not-exist'],
  ['export.not-owned', (i, s) => bucketProblem(i, s) === 'not-owned'],
  ['export.caller-denied', (i, s) => bucketProblem(i, s) === 'caller-denied'],
  ['export.object-exists', (i, s) => bucketProblem(i, s) === 'object-exists'],
  ['export.no-read', (i, s) => bucketProblem(i, s) === 'no-read'],
  ['export.no-write', (i, s) => bucketProblem(i, s) === 'no-write'],
  ['export.no-read-acp', (i, s) => bucketProblem(i, s) === 'no-read-acp'],
  ['names.source-not-found', (i, s) => nonBlank(i.SourceSnapshotName) && !s.snapshots.has(i.SourceSnapshotName.toLowerCase())],
  ['state.source-not-available', (i, s) => {
    const status = nonBlank(i.SourceSnapshotName) ? s.snapshots.get(i.SourceSnapshotName.toLowerCase()) : undefined;
    return status !== undefined && status !== 'available';
  }],
  ['uniqueness.target-equals-source', (i, s) => collision(i, s) === 'target-equals-source'],
  ['uniqueness.target-exists', (i, s) => collision(i, s) === 'target-exists'],
  ['uniqueness.case-insensitive', (i, s) => collision(i, s) === 'case-insensitive'],
  // an export lands in S3 and creates no snapshot, so the quota does not apply to it
  ['quota.snapshot-quota', (i, s) => !isExport(i) && s.quota !== undefined && s.quota.used >= s.quota.limit],
  // ── open rules ──
  ['names.whitespace', (i) => nonBlank(target(i)) && target(i)!.trim() !== target(i)],
  ['tags.duplicate-keys', (i) => {
    const keys = tagsOf(i).map((t) => t.Key).filter(nonBlank); // missing keys are tags.key-required's business
    return new Set(keys).size !== keys.length;
  }],
  ['tags.value-reserved-prefix', (i) => tagsOf(i).some((t) => hasReservedPrefix(t.Value))],
];

/** The request rules the oracle decides. */
export const decidedRules: readonly RuleId[] = decisions.map(([id]) => id);

/** Every rule `input` breaks in `state`, by the contract's decisions (docs/contract.md#defaults-for-open-questions). */
export function brokenRules(contract: Contract, state: EndpointState, input: CopySnapshotInput): RuleId[] {
  return decisions.filter(([, breaks]) => breaks(input, state, contract)).map(([id]) => id);
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.status === b.status && a.code === b.code && a.message === b.message;
}

/** The union of outcome sets, without repeats, in first-seen order. */
export function unionOfOutcomes(sets: readonly (readonly Outcome[])[]): Outcome[] {
  const out: Outcome[] = [];
  for (const set of sets) for (const o of set) if (!out.some((x) => sameOutcome(x, o))) out.push(o);
  return out;
}

/**
 * The acceptable outcomes of `request` in `state`.
 * - nothing broken: success only;
 * - refusing rules broken: one of their outcomes ("one of"), or a refusal an open rule allows;
 * - only open rules broken: the union of their sets (each includes success).
 */
export function expectedOutcome(contract: Contract, state: EndpointState, request: CopySnapshotInput): Expectation {
  const broken = brokenRules(contract, state, request);
  const outcomesOf = (id: RuleId): readonly Outcome[] => {
    const rule = contract.rules.get(id);
    if (!rule) throw new Error(`the oracle names a rule the contract does not have: ${id}`);
    return rule.expect;
  };
  const refusing = broken.filter((id) => !openRules.has(id));
  const open = broken.filter((id) => openRules.has(id));
  if (refusing.length > 0) {
    const openRefusals = open.map((id) => outcomesOf(id).filter((o) => o.status !== 200));
    return { broken: [...refusing, ...open], outcomes: unionOfOutcomes([...refusing.map(outcomesOf), ...openRefusals]) };
  }
  if (open.length > 0) return { broken: open, outcomes: unionOfOutcomes(open.map(outcomesOf)) };
  return { broken: [], outcomes: unionOfOutcomes([[{ status: 200 }]]) };
}

/** True when the only acceptable outcome is success. */
export function isValid(expectation: Expectation): boolean {
  return expectation.broken.length === 0;
}

/** An answer, as far as the oracle's outcomes speak about it. */
export interface ObservedAnswer {
  status?: number;
  code?: string;
}

/** True when `answer` is one of `outcomes` (messages are checked by the harness, not here). */
export function answerMatches(answer: ObservedAnswer, outcomes: readonly Outcome[]): boolean {
  const status = answer.status;
  if (status === undefined) return false;
  return outcomes.some((o) => {
    if (o.status === '4xx') return status >= 400 && status < 500 && (o.code === undefined || o.code === answer.code);
    return o.status === status && (o.code === undefined || o.code === answer.code);
  });
}

/** `200`, `400 SnapshotAlreadyExistsFault`, `4xx`: outcomes as a short list for messages. */
export function showOutcomes(outcomes: readonly Outcome[]): string {
  return outcomes.map((o) => `${o.status}${o.code ? ` ${o.code}` : ''}`).join(' or ');
}
