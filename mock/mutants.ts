// Planted-bug variants of the reference mock: each changes one validation step or one response
// detail, and names the rules (specs/rules.ts) of which at least one must fail against it.
// A suite that passes one of these is broken (`copysnapshot-conformance selftest`).
import { faults } from '../specs/faults.js';
import type { RuleId } from '../specs/rules.js';
import { codePointLength, limits } from '../specs/limits.js';
import type { MockBehaviour } from './behaviour.js';
import { userTagCount, type CopyStep } from './copy-snapshot.js';
import { createReferenceMock, type MockOptions, type ReferenceMock } from './handlers.js';

export interface Mutant {
  id: string;
  description: string;
  /** rule IDs of which at least one must fail against this variant */
  breaks: RuleId[];
  create(options?: MockOptions): ReferenceMock;
}

type Tweak = Pick<MockOptions, 'steps' | 'behaviour' | 'foldCase'>;

function mutant(id: string, description: string, breaks: RuleId[], tweak: Tweak): Mutant {
  return { id, description, breaks, create: (options = {}) => createReferenceMock({ ...options, ...tweak }) };
}

/** Replace the step `name` with `check`, or remove it (null). */
function replaceStep(name: string, check: CopyStep['check'] | null): Tweak {
  return {
    steps: (steps) => {
      if (!steps.some((s) => s.name === name)) throw new Error(`no CopySnapshot step named ${name}`);
      return check === null ? steps.filter((s) => s.name !== name) : steps.map((s) => (s.name === name ? { name, check } : s));
    },
  };
}

const tweak = (change: (b: MockBehaviour) => Partial<MockBehaviour>): Tweak => ({ behaviour: (b) => ({ ...b, ...change(b) }) });
const invalid = (message: string) => ({ fault: faults.InvalidParameterValue, message });
const exists = { fault: faults.SnapshotAlreadyExistsFault, message: 'Snapshot already exists.' };

export const mutants: readonly Mutant[] = [
  // ── names ──
  mutant('blank-target-accepted', 'a blank TargetSnapshotName (`TargetSnapshotName=`) passes', ['names.target-blank'], replaceStep('names-present', ({ input }) =>
    !input.SourceSnapshotName ? invalid('The parameter SourceSnapshotName must be provided and must not be blank.') : input.TargetSnapshotName === undefined ? invalid('The parameter TargetSnapshotName must be provided.') : undefined)),
  mutant('missing-source-500', 'a request without SourceSnapshotName crashes with a 500', ['names.source-required', 'envelope.no-5xx'], tweak(() => ({ crashesOn: (input) => input.SourceSnapshotName === undefined }))),
  mutant('not-found-400', 'SnapshotNotFoundFault comes with HTTP 400 instead of 404', ['names.source-not-found', 'envelope.error-status-matches-code'], tweak(() => ({
    faultStatus: (f) => (f.code === faults.SnapshotNotFoundFault.code ? 400 : f.status),
  }))),
  // ── tags ──
  mutant('accepts-51-tags', 'the tag limit is 51, not 50', ['tags.max-50'], replaceStep('tag-count', ({ input }) =>
    userTagCount(input.Tags ?? []) > limits.maxTagsPerResource + 1 ? { fault: faults.TagQuotaPerResourceExceeded, message: 'Too many tags.' } : undefined)),
  mutant('tag-length-utf16', 'tag key and value lengths are counted in UTF-16 code units, not code points', ['tags.up-to-50-accepted', 'tags.value-optional', 'names.any-target-name', 'post-state.returns-the-copy', 'post-state.accepted-is-listed', 'post-state.tags-on-copy', 'tags.key-max-128', 'tags.value-max-256'], {
    steps: (steps) =>
      steps.map((s) =>
        s.name === 'tag-key-length'
          ? { name: s.name, check: ({ input }) => ((input.Tags ?? []).some((t) => (t.Key ?? '').length > limits.maxTagKeyLength) ? invalid('Tag key too long.') : undefined) }
          : s.name === 'tag-value-length'
            ? { name: s.name, check: ({ input }) => ((input.Tags ?? []).some((t) => (t.Value ?? '').length > limits.maxTagValueLength) ? invalid('Tag value too long.') : undefined) }
            : s,
      ),
  }),
  mutant('key-129-accepted', 'tag keys of 129 code points pass', ['tags.key-max-128'], replaceStep('tag-key-length', ({ input }) =>
    (input.Tags ?? []).some((t) => codePointLength(t.Key ?? '') > limits.maxTagKeyLength + 1) ? invalid('Tag key too long.') : undefined)),
  mutant('value-length-unchecked', 'tag values of any length pass', ['tags.value-max-256'], replaceStep('tag-value-length', null)),
  mutant('aws-prefix-case-sensitive', 'only a lowercase `aws:` key prefix is refused (`AWS:` passes)', ['tags.key-reserved-prefix'], replaceStep('tag-key-reserved', ({ input }) =>
    (input.Tags ?? []).some((t) => (t.Key ?? '').startsWith('aws:')) ? invalid('Reserved tag key.') : undefined)),
  mutant('empty-tag-key-accepted', 'a tag with no Key or an empty Key passes', ['tags.key-required'], replaceStep('tag-keys-present', null)),
  // ── uniqueness ──
  mutant('case-sensitive-names', 'names keep their case and are compared exactly, so `Foo` and `foo` are different snapshots', ['uniqueness.case-insensitive', 'post-state.returns-the-copy', 'post-state.model-sequence'], {
    foldCase: false,
    ...tweak(() => ({ copyName: (target) => target })),
  }),
  mutant('copy-onto-self-allowed', 'a snapshot may be copied onto its own name (it is overwritten)', ['uniqueness.target-equals-source'], replaceStep('target-unique', ({ input, store }) =>
    !input.TargetBucket && input.TargetSnapshotName!.toLowerCase() !== input.SourceSnapshotName!.toLowerCase() && store.get(input.TargetSnapshotName!) ? exists : undefined)),
  mutant('uniqueness-only-initial', 'target uniqueness is checked only against the snapshots that existed when the mock started', ['uniqueness.target-exists', 'uniqueness.concurrent-copies', 'post-state.model-sequence'], replaceStep('target-unique', ({ input, store }) =>
    !input.TargetBucket && store.initialNames.has(input.TargetSnapshotName!.toLowerCase()) ? exists : undefined)),
  // ── state ──
  mutant('pending-source-copied', 'a source that is still `creating` can be copied', ['state.source-not-available'], replaceStep('source-available', null)),
  mutant('state-code-with-fault-suffix', 'InvalidSnapshotState is sent as the shape name InvalidSnapshotStateFault', ['state.source-not-available'], tweak(() => ({
    faultCode: (f) => (f.code === faults.InvalidSnapshotState.code ? 'InvalidSnapshotStateFault' : f.code),
  }))),
  // ── export ──
  mutant('export-message-wrong', 'the no-write export message names the READ permission', ['export.no-write'], {
    steps: (steps) =>
      steps.map((s) =>
        s.name === 'export-bucket'
          ? { name: s.name, check: (ctx) => { const r = s.check(ctx); return r && r.message.includes('WRITE permissions') ? { ...r, message: r.message.replace('WRITE', 'READ') } : r; } }
          : s,
      ),
  }),
  mutant('kms-with-bucket-accepted', 'KmsKeyId together with TargetBucket passes', ['export.kms-with-bucket'], replaceStep('kms-with-bucket', null)),
  mutant('empty-bucket-is-export', '`TargetBucket=` is taken as an export to a bucket named ""', ['export.empty-bucket-is-plain-copy'], {
    steps: (steps) => [{ name: 'empty-bucket', check: ({ input }) => (input.TargetBucket === '' ? invalid('The S3 bucket  does not exist.') : undefined) }, ...steps],
  }),
  // ── quota ──
  mutant('quota-ignored', 'the snapshot quota is never enforced', ['quota.snapshot-quota'], replaceStep('snapshot-quota', null)),
  // ── envelope ──
  mutant('error-without-requestid', 'error bodies have no RequestId', ['envelope.error-shape'], tweak(() => ({ errorHasRequestId: false }))),
  mutant('error-type-receiver', 'client errors say Type Receiver', ['envelope.error-type-sender'], tweak(() => ({ errorType: () => 'Receiver' }))),
  mutant('success-wrong-namespace', 'CopySnapshot success answers use the 2014-09-30 namespace', ['envelope.success-shape'], tweak(() => ({ successNamespace: 'http://elasticache.amazonaws.com/doc/2014-09-30/' }))),
  mutant('answers-as-json-content-type', 'answers carry Content-Type application/json over their XML bodies', ['envelope.success-shape', 'envelope.error-shape'], tweak(() => ({ answerHeaders: (id) => ({ 'content-type': 'application/json', 'x-amzn-requestid': id }) }))),
  mutant('request-id-header-differs', 'the x-amzn-RequestId header is a different id than the body RequestId', ['envelope.success-shape', 'envelope.error-shape'], tweak(() => ({ answerHeaders: () => ({ 'content-type': 'text/xml', 'x-amzn-requestid': 'not-the-body-request-id' }) }))),
  mutant('empty-tags-list-500', '`Tags=` (an empty list, as the SDK sends it) crashes with a 500', ['tags.up-to-50-accepted', 'envelope.no-5xx'], tweak(() => ({
    crashesOn: (input, pairs) => pairs.some(([k, v]) => k === 'Tags' && v === '') && (input.Tags?.length ?? 0) === 0,
  }))),
  // ── wire ──
  mutant('duplicate-form-keys-500', 'a form key given twice crashes with a 500', ['wire.duplicate-form-keys', 'envelope.no-5xx'], tweak(() => ({
    crashesOn: (_input, pairs) => new Set(pairs.map(([k]) => k)).size !== pairs.length,
  }))),
  // ── post-state ──
  mutant('refused-copy-still-stored', 'a copy refused for its tags is stored anyway (the record is made before the tags are checked)', ['post-state.refused-changes-nothing'], tweak(() => ({
    onRefused: (store, input, step) => {
      if (!step.startsWith('tag-')) return;
      const source = input.SourceSnapshotName ? store.get(input.SourceSnapshotName) : undefined;
      const target = input.TargetSnapshotName;
      if (!source || !target || store.get(target)) return;
      store.put({ snapshot: { ...source.snapshot, SnapshotName: target.toLowerCase(), SnapshotSource: 'manual' }, tags: [] });
    },
  }))),
  mutant('accepted-copy-not-listed', 'an accepted copy is answered but never stored', ['post-state.accepted-is-listed', 'post-state.model-sequence'], tweak(() => ({ storeAccepted: false }))),
  mutant('source-tags-not-copied', 'a copy without request tags gets no tags instead of the source tags', ['post-state.tags-on-copy'], tweak(() => ({
    copyTags: (requestTags) => (requestTags ?? []).map((t) => ({ ...t })),
  }))),
  mutant('name-not-lowercased', 'the copy keeps the target name as given instead of lowercase', ['post-state.returns-the-copy'], tweak(() => ({ copyName: (t) => t }))),
];
