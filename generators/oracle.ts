// The one oracle: which rules a request breaks against a known endpoint state, and so which
// outcomes a conforming endpoint may give. Outcomes are read from the contract, never retyped.
// The reference mock is a separate reading of the contract and never calls this.
import type { Contract } from '../specs/contract.js';
import { codePointLength, hasReservedPrefix } from '../specs/limits.js';
import { exportObjectKey } from '../specs/messages.js';
import type { BucketCondition, CopySnapshotInput, Fixtures, Outcome } from '../specs/types.js';

export interface EndpointState {
  /** lowercased name → status */
  snapshots: Map<string, string>;
  /** declared buckets; any other bucket does not exist */
  buckets: Map<string, BucketCondition | 'ok'>;
  /** `bucket/key` */
  objects: Set<string>;
  quota?: { limit: number; used: number };
}

export interface Expectation {
  /** rules the request breaks (hard faults first, then rules that leave the outcome open) */
  broken: string[];
  outcomes: Outcome[];
}

/** Rules whose outcome the contract leaves open: they add acceptable outcomes, they do not demand a refusal. */
export const openRules = new Set(['names.whitespace', 'tags.duplicate-keys', 'tags.value-reserved-prefix']);

const dnsBucket = /^(?!\d+\.\d+\.\d+\.\d+$)(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

export function isExport(input: CopySnapshotInput): boolean {
  return input.TargetBucket !== undefined && input.TargetBucket !== '';
}

/** The state a run knows before it sends anything: the declared fixtures. */
export function stateFromFixtures(fixtures: Fixtures): EndpointState {
  const state: EndpointState = { snapshots: new Map(), buckets: new Map(), objects: new Set() };
  if (fixtures.sourceSnapshot) state.snapshots.set(fixtures.sourceSnapshot.toLowerCase(), 'available');
  if (fixtures.pendingSnapshot) state.snapshots.set(fixtures.pendingSnapshot.toLowerCase(), 'creating');
  if (fixtures.exportBucket) state.buckets.set(fixtures.exportBucket, 'ok');
  for (const [condition, bucket] of Object.entries(fixtures.buckets ?? {}) as [BucketCondition, string][]) {
    if (condition === 'does-not-exist') continue;
    state.buckets.set(bucket, condition === 'object-exists' ? 'ok' : condition);
    if (condition === 'object-exists' && fixtures.existingExportTarget) state.objects.add(`${bucket}/${exportObjectKey(fixtures.existingExportTarget)}`);
  }
  if (fixtures.snapshotQuota !== undefined) state.quota = { limit: fixtures.snapshotQuota, used: 0 };
  return state;
}

/** Every rule `input` breaks in `state`, by the contract's decisions (contract.md Part A). */
export function brokenRules(contract: Contract, state: EndpointState, input: CopySnapshotInput): string[] {
  const broken: string[] = [];
  const { limits } = contract;
  const src = input.SourceSnapshotName;
  const dst = input.TargetSnapshotName;
  if (src === undefined) broken.push('names.source-required');
  else if (src === '') broken.push('names.source-blank');
  if (dst === undefined) broken.push('names.target-required');
  else if (dst === '') broken.push('names.target-blank');
  const tags = input.Tags ?? [];
  if (tags.some((t) => t.Key === undefined || t.Key === '')) broken.push('tags.key-required');
  if (tags.some((t) => codePointLength(t.Key ?? '') > limits.maxTagKeyLength)) broken.push('tags.key-max-128');
  if (tags.some((t) => codePointLength(t.Value ?? '') > limits.maxTagValueLength)) broken.push('tags.value-max-256');
  if (tags.some((t) => hasReservedPrefix(t.Key))) broken.push('tags.key-reserved-prefix');
  if (tags.filter((t) => !hasReservedPrefix(t.Key)).length > limits.maxTagsPerResource) broken.push('tags.max-50');
  const exporting = isExport(input);
  if (exporting && input.KmsKeyId !== undefined && input.KmsKeyId !== '') broken.push('export.kms-with-bucket');
  if (src) {
    const status = state.snapshots.get(src.toLowerCase());
    if (status === undefined) broken.push('names.source-not-found');
    else if (status !== 'available') broken.push('state.source-not-available');
  }
  if (dst && !exporting && state.snapshots.has(dst.toLowerCase())) {
    if (src !== undefined && src.toLowerCase() === dst.toLowerCase()) broken.push('uniqueness.target-equals-source');
    else if (state.snapshots.has(dst)) broken.push('uniqueness.target-exists');
    else broken.push('uniqueness.case-insensitive');
  }
  if (dst && exporting) {
    const bucket = input.TargetBucket!;
    if (codePointLength(dst) > limits.maxExportTargetNameLength) broken.push('export.target-name-max-1000');
    if (!dnsBucket.test(bucket)) broken.push('export.bucket-name-not-dns');
    else {
      const condition = state.buckets.get(bucket);
      if (condition === undefined) broken.push('export.does-not-exist');
      else if (condition !== 'ok') broken.push(`export.${condition}`);
      else if (state.objects.has(`${bucket}/${exportObjectKey(dst)}`)) broken.push('export.object-exists');
    }
  }
  if (!exporting && state.quota && state.quota.used >= state.quota.limit) broken.push('quota.snapshot-quota');
  // rules that leave the outcome open
  if (dst !== undefined && dst !== '' && (dst.trim() !== dst || dst.trim() === '')) broken.push('names.whitespace');
  const keys = tags.map((t) => t.Key);
  if (new Set(keys).size !== keys.length) broken.push('tags.duplicate-keys');
  if (tags.some((t) => hasReservedPrefix(t.Value))) broken.push('tags.value-reserved-prefix');
  return broken;
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.status === b.status && a.code === b.code && a.message === b.message;
}

function union(sets: (readonly Outcome[])[]): Outcome[] {
  const out: Outcome[] = [];
  for (const set of sets) for (const o of set) if (!out.some((x) => sameOutcome(x, o))) out.push(o);
  return out;
}

/**
 * The acceptable outcomes of `input` in `state`. A request with hard faults must be refused with one
 * of their outcomes (or a refusal an open rule allows); otherwise it must succeed, unless an open
 * rule widens the set.
 */
export function expectedOutcome(contract: Contract, state: EndpointState, input: CopySnapshotInput): Expectation {
  const broken = brokenRules(contract, state, input);
  const hard = broken.filter((id) => !openRules.has(id));
  const open = broken.filter((id) => openRules.has(id));
  const outcomesOf = (id: string) => contract.rules.get(id)!.expect;
  if (hard.length > 0) {
    const refusalsOpen = open.map((id) => outcomesOf(id).filter((o) => o.status !== 200));
    return { broken, outcomes: union([...hard.map(outcomesOf), ...refusalsOpen]) };
  }
  if (open.length > 0) return { broken, outcomes: union(open.map(outcomesOf)) };
  return { broken, outcomes: [{ status: 200 }] };
}

/** True when the only acceptable outcome is success. */
export function isValid(expectation: Expectation): boolean {
  return expectation.broken.length === 0;
}
