// Planted-bug variants of the reference mock: each changes one step or one detail, and names the
// rules that must catch it. A suite that passes one of these is broken (see `selftest`).
import { faults } from '../specs/faults.js';
import { codePointLength, limits } from '../specs/limits.js';
import type { MockBehaviour } from './behaviour.js';
import type { CopyStep } from './copy-snapshot.js';
import { userTagCount } from './copy-snapshot.js';
import { createReferenceMock, type MockOptions, type ReferenceMock } from './handlers.js';

export interface Mutant {
  id: string;
  description: string;
  /** rule IDs (specs/rules.ts) of which at least one must fail against this variant */
  breaks: string[];
  create(options?: MockOptions): ReferenceMock;
}

type Tweak = (b: MockBehaviour) => MockBehaviour;

function mutant(id: string, description: string, breaks: string[], tweak: Tweak): Mutant {
  return { id, description, breaks, create: (options = {}) => createReferenceMock({ ...options, behaviour: tweak }) };
}

const replaceStep = (name: string, check: CopyStep['check'] | null): Tweak => (b) => ({
  ...b,
  steps: check === null ? b.steps.filter((s) => s.name !== name) : b.steps.map((s) => (s.name === name ? { name, check } : s)),
});

const refuse = (message: string) => ({ fault: faults.InvalidParameterValue, message });

export const mutants: readonly Mutant[] = [
  mutant('accepts-51-tags', 'the tag limit is 51, not 50', ['tags.max-50'], replaceStep('tag-count', ({ input }) =>
    userTagCount(input.Tags ?? []) > 51 ? { fault: faults.TagQuotaPerResourceExceeded, message: 'too many tags' } : undefined)),
  mutant('tag-length-utf16', 'tag key and value lengths counted in UTF-16 units, not code points', ['tags.up-to-50-accepted', 'tags.value-optional', 'names.any-target-name', 'post-state.returns-the-copy', 'post-state.accepted-is-listed', 'post-state.tags-on-copy', 'tags.key-max-128', 'tags.value-max-256'], (b) =>
    replaceStep('tag-value-length', ({ input }) => ((input.Tags ?? []).some((t) => (t.Value ?? '').length > limits.maxTagValueLength) ? refuse('value too long') : undefined))(
      replaceStep('tag-key-length', ({ input }) => ((input.Tags ?? []).some((t) => (t.Key ?? '').length > limits.maxTagKeyLength) ? refuse('key too long') : undefined))(b),
    )),
  mutant('key-129-accepted', 'tag keys up to 129 code points pass', ['tags.key-max-128'], replaceStep('tag-key-length', ({ input }) =>
    (input.Tags ?? []).some((t) => codePointLength(t.Key ?? '') > 129) ? refuse('key too long') : undefined)),
  mutant('value-length-unchecked', 'tag values of any length pass', ['tags.value-max-256'], replaceStep('tag-value-length', null)),
  mutant('aws-prefix-case-sensitive', 'only lowercase `aws:` keys are refused', ['tags.key-reserved-prefix'], replaceStep('tag-key-reserved', ({ input }) =>
    (input.Tags ?? []).some((t) => (t.Key ?? '').startsWith('aws:')) ? refuse('reserved') : undefined)),
  mutant('empty-tag-key-accepted', 'a tag with an empty or missing key passes', ['tags.key-required'], replaceStep('tag-keys-present', null)),
  mutant('case-sensitive-names', 'names keep their case, so `Foo` and `foo` are different snapshots', ['uniqueness.case-insensitive', 'post-state.returns-the-copy', 'post-state.model-sequence'], (b) => ({
    ...b,
    copyName: (target) => target,
    steps: b.steps.map((s) => (s.name === 'target-unique' ? { name: s.name, check: ({ input, store }) => (store.list().some((x) => x.snapshot.SnapshotName === input.TargetSnapshotName) ? { fault: faults.SnapshotAlreadyExistsFault, message: 'exists' } : undefined) } : s)),
  })),
  mutant('name-not-lowercased', 'the copy keeps the target name as given instead of lowercase', ['post-state.returns-the-copy'], (b) => ({ ...b, copyName: (t) => t })),
  mutant('not-found-400', 'SnapshotNotFoundFault comes with HTTP 400 instead of 404', ['names.source-not-found', 'envelope.error-status-matches-code'], (b) => ({
    ...b,
    faultStatus: (f) => (f.code === 'SnapshotNotFoundFault' ? 400 : f.status),
  })),
  mutant('state-code-with-fault-suffix', 'InvalidSnapshotState is sent as the shape name InvalidSnapshotStateFault', ['state.source-not-available'], (b) => ({
    ...b,
    faultCode: (f) => (f.code === 'InvalidSnapshotState' ? 'InvalidSnapshotStateFault' : f.code),
  })),
  mutant('copy-onto-self-allowed', 'a snapshot may be copied onto its own name', ['uniqueness.target-equals-source'], replaceStep('target-unique', ({ input, store }) =>
    input.TargetSnapshotName!.toLowerCase() !== input.SourceSnapshotName!.toLowerCase() && !input.TargetBucket && store.get(input.TargetSnapshotName!)
      ? { fault: faults.SnapshotAlreadyExistsFault, message: 'exists' }
      : undefined)),
  mutant('pending-source-copied', 'a source still creating can be copied', ['state.source-not-available'], replaceStep('source-available', null)),
  mutant('uniqueness-only-initial', 'target uniqueness is checked only against snapshots that existed at start', ['uniqueness.target-exists', 'post-state.model-sequence', 'uniqueness.concurrent-copies'], replaceStep('target-unique', ({ input, store }) =>
    !input.TargetBucket && store.initialNames.has(input.TargetSnapshotName!.toLowerCase()) ? { fault: faults.SnapshotAlreadyExistsFault, message: 'exists' } : undefined)),
  mutant('error-without-requestid', 'error bodies have no RequestId', ['envelope.error-shape'], (b) => ({ ...b, errorHasRequestId: false })),
  mutant('error-type-receiver', 'client errors say Type Receiver', ['envelope.error-type-sender'], (b) => ({ ...b, errorType: () => 'Receiver' })),
  mutant('empty-tags-list-500', '`Tags=` (an empty list, as the SDK sends it) crashes with a 500', ['tags.up-to-50-accepted', 'envelope.no-5xx'], (b) => ({
    ...b,
    crashesOn: (input, pairs) => pairs.some(([k, v]) => k === 'Tags' && v === '') && (input.Tags?.length ?? 0) === 0,
  })),
  mutant('duplicate-form-keys-500', 'a form key given twice crashes with a 500', ['wire.duplicate-form-keys', 'envelope.no-5xx'], (b) => ({
    ...b,
    crashesOn: (_input, pairs) => new Set(pairs.map(([k]) => k)).size !== pairs.length,
  })),
  mutant('refused-copy-still-stored', 'a refused copy is stored anyway', ['post-state.refused-changes-nothing'], (b) => ({ ...b, storeRefused: true })),
  mutant('accepted-copy-not-listed', 'an accepted copy is never stored', ['post-state.accepted-is-listed', 'post-state.model-sequence'], (b) => ({ ...b, storeAccepted: false })),
  mutant('source-tags-not-copied', 'a copy without request tags gets no tags instead of the source tags', ['post-state.tags-on-copy'], (b) => ({
    ...b,
    copyTags: (requestTags) => (requestTags ?? []).map((t) => ({ ...t })),
  })),
  mutant('export-message-wrong', 'the no-write export message names the wrong permission', ['export.no-write'], (b) => ({
    ...b,
    steps: b.steps.map((s) => (s.name === 'export-bucket' ? { name: s.name, check: (ctx) => { const r = s.check(ctx); return r && r.message.includes('WRITE permissions') ? { ...r, message: r.message.replace('WRITE', 'READ') } : r; } } : s)),
  })),
  mutant('kms-with-bucket-accepted', 'KmsKeyId together with TargetBucket passes', ['export.kms-with-bucket'], replaceStep('kms-with-bucket', null)),
  mutant('empty-bucket-is-export', '`TargetBucket=` is taken as an export to a bucket named ""', ['export.empty-bucket-is-plain-copy'], (b) => ({
    ...b,
    steps: [{ name: 'empty-bucket', check: ({ input }) => (input.TargetBucket === '' ? refuse('The S3 bucket  does not exist.') : undefined) }, ...b.steps],
  })),
  mutant('quota-ignored', 'the snapshot quota is never enforced', ['quota.snapshot-quota'], replaceStep('snapshot-quota', null)),
  mutant('success-wrong-namespace', 'success answers use another namespace', ['envelope.success-shape'], (b) => ({ ...b, successNamespace: 'http://elasticache.amazonaws.com/doc/2014-09-30/' })),
  mutant('blank-target-accepted', 'a blank TargetSnapshotName passes', ['names.target-blank'], replaceStep('names-present', ({ input }) =>
    input.SourceSnapshotName === undefined || input.SourceSnapshotName === '' || input.TargetSnapshotName === undefined ? refuse('missing') : undefined)),
  mutant('missing-source-500', 'a missing SourceSnapshotName crashes with a 500', ['names.source-required', 'envelope.no-5xx'], (b) => ({
    ...b,
    crashesOn: (input) => input.SourceSnapshotName === undefined,
  })),
];

