// CopySnapshot as an ordered list of named validation steps (plain data), then the copy itself.
// A planted-bug variant (mock/mutants.ts) replaces one step or one detail of the behaviour.
// This is the mock's own reading of the contract; it never calls the generators' oracle.
import type { Tag } from '@aws-sdk/client-elasticache';
import { faults } from '../specs/faults.js';
import { codePointLength, hasReservedPrefix, isDnsCompliantBucket, limits } from '../specs/limits.js';
import { exportObjectKey, renderExportMessage } from '../specs/messages.js';
import type { CopySnapshotInput, Fault } from '../specs/types.js';
import { snapshotArn } from './fixtures.js';
import { nodeSnapshots, type MockStore, type StoredSnapshot } from './store.js';

export interface MockFault {
  fault: Fault;
  message: string;
}

export interface StepContext {
  input: CopySnapshotInput;
  store: MockStore;
}

export interface CopyStep {
  name: string;
  check(ctx: StepContext): MockFault | undefined;
}

const IPV = faults.InvalidParameterValue;
const refuse = (fault: Fault, message: string): MockFault => ({ fault, message });
const isExport = (input: CopySnapshotInput) => input.TargetBucket !== undefined && input.TargetBucket !== '';

export function userTagCount(tags: readonly Tag[]): number {
  return tags.filter((t) => !hasReservedPrefix(t.Key)).length;
}

/**
 * The reference order. Choices where the contract leaves room (mock/README.md):
 * duplicate tag keys are refused (400 InvalidParameterValue); an export is checked against the bucket,
 * not against ElastiCache snapshot names, and creates no snapshot, so the quota does not apply to it;
 * the quota counts every manual snapshot the mock holds, seeded ones included.
 */
export const referenceSteps: readonly CopyStep[] = [
  {
    name: 'names-present',
    check: ({ input }) => {
      for (const name of ['SourceSnapshotName', 'TargetSnapshotName'] as const)
        if (input[name] === undefined || input[name] === '') return refuse(IPV, `The parameter ${name} must be provided and must not be blank.`);
      return undefined;
    },
  },
  {
    name: 'tag-keys-present',
    check: ({ input }) => (input.Tags ?? []).some((t) => t.Key === undefined || t.Key === '') ? refuse(IPV, 'Tag keys must not be null or empty.') : undefined,
  },
  {
    name: 'tag-key-length',
    check: ({ input }) => {
      const long = (input.Tags ?? []).find((t) => codePointLength(t.Key ?? '') > limits.maxTagKeyLength);
      return long ? refuse(IPV, `Tag keys must be at most ${limits.maxTagKeyLength} Unicode characters.`) : undefined;
    },
  },
  {
    name: 'tag-value-length',
    check: ({ input }) => {
      const long = (input.Tags ?? []).find((t) => codePointLength(t.Value ?? '') > limits.maxTagValueLength);
      return long ? refuse(IPV, `Tag values must be at most ${limits.maxTagValueLength} Unicode characters.`) : undefined;
    },
  },
  {
    name: 'tag-key-reserved',
    check: ({ input }) => (input.Tags ?? []).some((t) => hasReservedPrefix(t.Key)) ? refuse(IPV, 'Tag keys starting with aws: are reserved for AWS use.') : undefined,
  },
  {
    // the contract leaves duplicate keys open; the reference mock refuses them rather than guess a winner
    name: 'tag-keys-unique',
    check: ({ input }) => {
      const keys = (input.Tags ?? []).map((t) => t.Key);
      return new Set(keys).size !== keys.length ? refuse(IPV, 'Tag keys must be unique within a request.') : undefined;
    },
  },
  {
    name: 'tag-count',
    check: ({ input }) =>
      userTagCount(input.Tags ?? []) > limits.maxTagsPerResource
        ? refuse(faults.TagQuotaPerResourceExceeded, `The request would add more than ${limits.maxTagsPerResource} tags to the snapshot.`)
        : undefined,
  },
  {
    name: 'kms-with-bucket',
    check: ({ input }) =>
      input.KmsKeyId !== undefined && input.KmsKeyId !== '' && isExport(input)
        ? refuse(faults.InvalidParameterCombination, 'KmsKeyId cannot be used when exporting a snapshot to Amazon S3.')
        : undefined,
  },
  {
    name: 'source-exists',
    check: ({ input, store }) => (store.get(input.SourceSnapshotName!) ? undefined : refuse(faults.SnapshotNotFoundFault, `Snapshot ${input.SourceSnapshotName} not found.`)),
  },
  {
    name: 'source-available',
    check: ({ input, store }) => {
      const status = store.get(input.SourceSnapshotName!)!.snapshot.SnapshotStatus;
      return status === 'available' ? undefined : refuse(faults.InvalidSnapshotState, `Snapshot ${input.SourceSnapshotName} is in state ${status}, not available.`);
    },
  },
  {
    name: 'target-unique',
    check: ({ input, store }) =>
      !isExport(input) && store.get(input.TargetSnapshotName!) ? refuse(faults.SnapshotAlreadyExistsFault, `Snapshot ${input.TargetSnapshotName!.toLowerCase()} already exists.`) : undefined,
  },
  {
    name: 'export-target-length',
    check: ({ input }) =>
      isExport(input) && codePointLength(input.TargetSnapshotName!) > limits.maxExportTargetNameLength
        ? refuse(IPV, `An exported snapshot name must be between 1 and ${limits.maxExportTargetNameLength} characters.`)
        : undefined,
  },
  {
    name: 'export-bucket-name',
    check: ({ input }) => (isExport(input) && !isDnsCompliantBucket(input.TargetBucket!) ? refuse(IPV, `The S3 bucket name ${input.TargetBucket} is not valid.`) : undefined),
  },
  {
    name: 'export-bucket',
    check: ({ input, store }) => {
      if (!isExport(input)) return undefined;
      const bucket = input.TargetBucket!;
      const condition = store.buckets.get(bucket);
      if (condition === undefined) return refuse(IPV, renderExportMessage('does-not-exist', { bucket }));
      if (condition !== 'ok') return refuse(IPV, renderExportMessage(condition, { bucket }));
      const key = exportObjectKey(input.TargetSnapshotName!);
      if (store.objects.has(`${bucket}/${key}`)) return refuse(IPV, renderExportMessage('object-exists', { bucket, key }));
      return undefined;
    },
  },
  {
    name: 'snapshot-quota',
    check: ({ input, store }) =>
      !isExport(input) && store.quota !== undefined && store.manualCount() >= store.quota
        ? refuse(faults.SnapshotQuotaExceededFault, `The maximum number of manual snapshots (${store.quota}) has been reached.`)
        : undefined,
  },
];

/** The parts of the copy itself a variant may change. */
export interface CopyBehaviour {
  steps: readonly CopyStep[];
  /** the stored and returned name */
  copyName(target: string): string;
  /** tags the copy gets */
  copyTags(requestTags: Tag[] | undefined, sourceTags: Tag[]): Tag[];
  /** whether an accepted copy is stored (so DescribeSnapshots lists it) */
  storeAccepted: boolean;
}

export const referenceCopyBehaviour: CopyBehaviour = {
  steps: referenceSteps,
  copyName: (target) => target.toLowerCase(),
  copyTags: (requestTags, sourceTags) => (requestTags && requestTags.length > 0 ? requestTags : sourceTags).map((t) => ({ ...t })),
  storeAccepted: true,
};

export type CopyOutcome = { ok: true; copy: StoredSnapshot } | { ok: false; refusal: MockFault; step: string };

/** Validate, then copy (or export). A refusal changes nothing. */
export function copySnapshot(store: MockStore, input: CopySnapshotInput, behaviour: CopyBehaviour): CopyOutcome {
  for (const step of behaviour.steps) {
    const refusal = step.check({ input, store });
    if (refusal) return { ok: false, refusal, step: step.name };
  }
  const source = store.get(input.SourceSnapshotName!)!;
  const name = behaviour.copyName(input.TargetSnapshotName!);
  const copy: StoredSnapshot = {
    snapshot: {
      ...source.snapshot,
      SnapshotName: name,
      SnapshotStatus: 'creating',
      SnapshotSource: 'manual',
      ARN: snapshotArn(name),
      NodeSnapshots: nodeSnapshots(new Date(store.now()).toISOString()),
      ...(input.KmsKeyId ? { KmsKeyId: input.KmsKeyId } : {}),
    },
    tags: behaviour.copyTags(input.Tags, source.tags),
    settleAt: store.now() + store.settleMs,
  };
  if (input.TargetBucket) store.objects.add(`${input.TargetBucket}/${exportObjectKey(input.TargetSnapshotName!)}`);
  else if (behaviour.storeAccepted) store.put(copy);
  return { ok: true, copy };
}
