import { faults } from './faults.js';
import type { BucketCondition, Family, Fault, FixtureNeed, Outcome, Rule, RuleKind } from './types.js';

/** The outcome "this fault", with the fault table's status. */
export function fault(f: Fault, message?: BucketCondition): Outcome {
  return message ? { status: f.status, code: f.code, message } : { status: f.status, code: f.code };
}
export const success: Outcome = { status: 200 };
export const any4xx: Outcome = { status: '4xx' };
/** Where the contract says nothing: any well-formed answer but a 5xx. */
export const anyNon5xx: readonly Outcome[] = [success, any4xx];

const IPV = faults.InvalidParameterValue;
// Sources: a section of docs/contract.md (shipped in the package) or an AWS page of specs/sources.ts.
const A = 'docs/contract.md#defaults-for-open-questions';
const ALL = 'docs/contract.md#checks-on-every-answer';
const API = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html';
const EXPORTING = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html';
const TAGGING = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Tagging-Resources.html';
const QUERY = 'https://smithy.io/2.0/aws/protocols/aws-query-protocol.html';

type RuleSpec<Id extends string, K extends RuleKind, F extends Family> = Omit<Rule<Id>, 'needs' | 'creates' | 'kind' | 'family'> & {
  kind: K;
  family: F;
  needs?: FixtureNeed[];
  creates?: boolean;
};
/** A rule with its ID, kind and family kept literal, so `RuleId` (below) is inferred from the list itself. */
function rule<const Id extends string, const K extends RuleKind, const F extends Family>(spec: RuleSpec<Id, K, F>): Rule<Id> & { readonly kind: K; readonly family: F } {
  return { needs: ['source-snapshot'], creates: false, ...spec };
}

/** An S3 export failure rule: its ID names the documented message (`export.no-write` → the `no-write` message). */
function exportRule<const Id extends `export.${BucketCondition}`>(id: Id, statement: string, expect: Outcome[], grade: Rule['grade']) {
  const condition = id.slice('export.'.length) as BucketCondition;
  return rule({
    id,
    family: 'export',
    kind: 'request',
    statement,
    grade,
    sources: [API, 'docs/contract.md#s3-export-messages', A],
    expect,
    needs: condition === 'does-not-exist' ? ['source-snapshot'] : ['source-snapshot', `bucket:${condition}`],
  });
}

/** A raw-wire rule (a request the SDK cannot send); `creates` where a conforming endpoint may take it as a copy. */
function wireRule<const Id extends `wire.${string}`>(id: Id, what: string, expect: readonly Outcome[], creates: boolean) {
  return rule({
    id,
    family: 'wire',
    kind: 'request',
    statement: `${what} gets a well-formed answer: a 4xx ErrorResponse, or any non-5xx answer where the contract says nothing.`,
    grade: 'inferred',
    sources: ['docs/contract.md#transport', 'docs/contract.md#encoding', QUERY, A],
    expect,
    needs: [],
    creates,
  });
}

/**
 * Every rule the suite checks, keyed by a stable ID `<family>.<name>`.
 * `expect` is the set of acceptable outcomes; the oracle (generators/oracle.ts) decides which
 * rules a request breaks and reads their outcomes from here — nothing else types them.
 */
export const ruleList = [
  // ── names ──────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'names.source-required',
    family: 'names',
    kind: 'request',
    statement: 'A request without SourceSnapshotName is refused with 400 InvalidParameterValue or MissingParameter.',
    grade: 'observed',
    sources: [API, A, 'docs/contract.md#common-query-errors'],
    expect: [fault(IPV), fault(faults.MissingParameter)],
    needs: [],
  }),
  rule({
    id: 'names.target-required',
    family: 'names',
    kind: 'request',
    statement: 'A request without TargetSnapshotName is refused with 400 InvalidParameterValue or MissingParameter.',
    grade: 'observed',
    sources: [API, A, 'docs/contract.md#common-query-errors'],
    expect: [fault(IPV), fault(faults.MissingParameter)],
  }),
  rule({
    id: 'names.source-blank',
    family: 'names',
    kind: 'request',
    statement: 'A blank SourceSnapshotName (`SourceSnapshotName=`) is refused with 400 InvalidParameterValue.',
    grade: 'observed',
    sources: [A, 'docs/contract.md#common-query-errors'],
    expect: [fault(IPV)],
    needs: [],
  }),
  rule({
    id: 'names.target-blank',
    family: 'names',
    kind: 'request',
    statement: 'A blank TargetSnapshotName (`TargetSnapshotName=`) is refused with 400 InvalidParameterValue.',
    grade: 'observed',
    sources: [A, 'docs/contract.md#common-query-errors'],
    expect: [fault(IPV)],
  }),
  rule({
    id: 'names.whitespace',
    family: 'names',
    kind: 'request',
    statement: 'A target name of only spaces, or with leading/trailing spaces, gets any well-formed answer but a 5xx.',
    grade: 'inferred',
    sources: [A],
    expect: anyNon5xx,
    creates: true,
  }),
  rule({
    id: 'names.source-not-found',
    family: 'names',
    kind: 'request',
    statement: 'Copying a snapshot that does not exist is refused with 404 SnapshotNotFoundFault.',
    grade: 'documented',
    sources: [API, 'docs/contract.md#names', A],
    expect: [fault(faults.SnapshotNotFoundFault)],
    needs: [],
  }),
  rule({
    id: 'names.any-target-name',
    family: 'names',
    kind: 'request',
    statement: 'For a plain copy, any non-blank target name (any characters, any length) is accepted.',
    grade: 'inferred',
    sources: ['docs/contract.md#names', A],
    expect: [success],
    creates: true,
  }),
  // ── uniqueness ─────────────────────────────────────────────────────────────────────────
  rule({
    id: 'uniqueness.target-exists',
    family: 'uniqueness',
    kind: 'request',
    statement: 'A copy onto an existing snapshot name is refused with 400 SnapshotAlreadyExistsFault.',
    grade: 'documented',
    sources: [API, 'docs/contract.md#names', A],
    expect: [fault(faults.SnapshotAlreadyExistsFault)],
  }),
  rule({
    id: 'uniqueness.case-insensitive',
    family: 'uniqueness',
    kind: 'request',
    statement: 'Names are stored lowercase: a target that differs from an existing name only in letter case collides (400 SnapshotAlreadyExistsFault).',
    grade: 'documented',
    sources: ['docs/contract.md#names', A],
    expect: [fault(faults.SnapshotAlreadyExistsFault)],
  }),
  rule({
    id: 'uniqueness.target-equals-source',
    family: 'uniqueness',
    kind: 'request',
    statement: 'A copy of a snapshot onto its own name is refused with 400 SnapshotAlreadyExistsFault.',
    grade: 'inferred',
    sources: [A, 'docs/contract.md#names'],
    expect: [fault(faults.SnapshotAlreadyExistsFault)],
  }),
  rule({
    id: 'uniqueness.concurrent-copies',
    family: 'uniqueness',
    kind: 'stateful',
    statement: 'Of two concurrent copies to one target name, exactly one succeeds; the other gets 400 SnapshotAlreadyExistsFault.',
    grade: 'inferred',
    sources: [API, A],
    expect: [success, fault(faults.SnapshotAlreadyExistsFault)],
    creates: true,
  }),
  // ── state ──────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'state.source-not-available',
    family: 'state',
    kind: 'request',
    statement: 'Copying a snapshot that is not `available` is refused with 400 InvalidSnapshotState.',
    grade: 'inferred',
    sources: [API, 'docs/contract.md#source-state', A],
    expect: [fault(faults.InvalidSnapshotState)],
    needs: ['pending-snapshot'],
  }),
  // ── tags ───────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'tags.max-50',
    family: 'tags',
    kind: 'request',
    statement: 'More than 50 tags (not counting `aws:` keys) is refused with 400 TagQuotaPerResourceExceeded.',
    grade: 'documented',
    sources: [API, TAGGING, 'docs/contract.md#tags', A],
    expect: [fault(faults.TagQuotaPerResourceExceeded)],
  }),
  rule({
    id: 'tags.up-to-50-accepted',
    family: 'tags',
    kind: 'request',
    statement: 'Exactly 50 tags, none, or an empty list (`Tags=`) is accepted.',
    grade: 'documented',
    sources: ['docs/contract.md#encoding', 'docs/contract.md#tags', A],
    expect: [success],
    creates: true,
  }),
  rule({
    id: 'tags.value-optional',
    family: 'tags',
    kind: 'request',
    statement: 'A tag with no Value, or an empty Value, is accepted.',
    grade: 'documented',
    sources: [API, 'docs/contract.md#tags-on-the-wire', A],
    expect: [success],
    creates: true,
  }),
  rule({
    id: 'tags.key-required',
    family: 'tags',
    kind: 'request',
    statement: 'A tag with no Key or an empty Key is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: ['docs/contract.md#request-members', A],
    expect: [fault(IPV)],
  }),
  rule({
    id: 'tags.key-max-128',
    family: 'tags',
    kind: 'request',
    statement: 'A tag key longer than 128 Unicode code points is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: [TAGGING, 'docs/contract.md#tags', A],
    expect: [fault(IPV)],
  }),
  rule({
    id: 'tags.value-max-256',
    family: 'tags',
    kind: 'request',
    statement: 'A tag value longer than 256 Unicode code points is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: [TAGGING, 'docs/contract.md#tags', A],
    expect: [fault(IPV)],
  }),
  rule({
    id: 'tags.key-reserved-prefix',
    family: 'tags',
    kind: 'request',
    statement: 'A tag key starting `aws:` in any letter case is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: ['docs/contract.md#tags', A],
    expect: [fault(IPV)],
  }),
  rule({
    id: 'tags.value-reserved-prefix',
    family: 'tags',
    kind: 'request',
    statement: 'A tag value starting `aws:` is either accepted or refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: ['docs/contract.md#tags', A],
    expect: [success, fault(IPV)],
    creates: true,
  }),
  rule({
    id: 'tags.duplicate-keys',
    family: 'tags',
    kind: 'request',
    statement: 'Duplicate tag keys in one request get any well-formed answer but a 5xx.',
    grade: 'inferred',
    sources: ['docs/contract.md#tags', A],
    expect: anyNon5xx,
    creates: true,
  }),
  // ── export ─────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'export.empty-bucket-is-plain-copy',
    family: 'export',
    kind: 'request',
    statement: 'An empty TargetBucket (`TargetBucket=`) is a plain copy and is accepted.',
    grade: 'documented',
    sources: ['docs/contract.md#export-to-s3', A],
    expect: [success],
    creates: true,
  }),
  rule({
    id: 'export.kms-with-bucket',
    family: 'export',
    kind: 'request',
    statement: 'KmsKeyId together with TargetBucket is refused with 400 InvalidParameterCombination.',
    grade: 'inferred',
    sources: [API, 'docs/contract.md#export-to-s3', A],
    expect: [fault(faults.InvalidParameterCombination)],
    // the usable bucket: any other bucket adds a fault of its own, and the case would break two rules
    needs: ['source-snapshot', 'export-bucket'],
  }),
  rule({
    id: 'export.target-name-max-1000',
    family: 'export',
    kind: 'request',
    statement: 'An export whose TargetSnapshotName is longer than 1,000 characters is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: [EXPORTING, 'docs/contract.md#export-to-s3', A],
    expect: [fault(IPV)],
    needs: ['source-snapshot', 'export-bucket'],
  }),
  rule({
    id: 'export.bucket-name-not-dns',
    family: 'export',
    kind: 'request',
    statement: 'An export to a bucket name that is not DNS-compliant is refused with 400 InvalidParameterValue.',
    grade: 'inferred',
    sources: [EXPORTING, 'docs/contract.md#export-to-s3', A],
    expect: [fault(IPV)],
  }),
  exportRule('export.outside-region', 'An export to a bucket in another region is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'outside-region')], 'inferred'),
  exportRule('export.does-not-exist', 'An export to a bucket that does not exist is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'does-not-exist')], 'inferred'),
  exportRule('export.not-owned', 'An export to a bucket the caller does not own is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'not-owned')], 'inferred'),
  exportRule('export.caller-denied', 'An export by a caller without the needed permissions is refused (400 InvalidParameterValue or 403 AccessDenied) with the documented message.', [fault(IPV, 'caller-denied'), fault(faults.AccessDenied, 'caller-denied')], 'inferred'),
  exportRule('export.object-exists', 'An export onto a key the bucket already holds (`<target>-0001.rdb`) is refused (400 InvalidParameterValue or SnapshotAlreadyExistsFault) with the documented message.', [fault(IPV, 'object-exists'), fault(faults.SnapshotAlreadyExistsFault, 'object-exists')], 'inferred'),
  exportRule('export.no-read', 'An export to a bucket without READ for ElastiCache is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'no-read')], 'inferred'),
  exportRule('export.no-write', 'An export to a bucket without WRITE for ElastiCache is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'no-write')], 'inferred'),
  exportRule('export.no-read-acp', 'An export to a bucket without READ_ACP for ElastiCache is refused with 400 InvalidParameterValue and the documented message.', [fault(IPV, 'no-read-acp')], 'inferred'),
  rule({
    id: 'export.accepted',
    family: 'export',
    kind: 'request',
    statement: 'An export to a usable bucket, with a fresh target name, is accepted.',
    grade: 'documented',
    sources: [API, EXPORTING, 'docs/contract.md#export-to-s3'],
    expect: [success],
    needs: ['source-snapshot', 'export-bucket'],
    creates: true,
  }),
  // ── quota ──────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'quota.snapshot-quota',
    family: 'quota',
    kind: 'request',
    statement: 'Once the declared snapshot quota is reached, a copy is refused with 400 SnapshotQuotaExceededFault.',
    grade: 'inferred',
    sources: [API, 'docs/contract.md#snapshot-quota', A],
    expect: [fault(faults.SnapshotQuotaExceededFault)],
    needs: ['source-snapshot', 'snapshot-quota'],
    creates: true,
  }),
  // ── envelope: checks on every answer ───────────────────────────────────────────────────
  rule({
    id: 'envelope.no-5xx',
    family: 'envelope',
    kind: 'invariant',
    statement: 'No generated request gets a 5xx, and every request is answered within the timeout.',
    grade: 'documented',
    sources: [ALL],
    expect: [],
    needs: [],
  }),
  rule({
    id: 'envelope.error-shape',
    family: 'envelope',
    kind: 'invariant',
    statement: 'Every error is an XML ErrorResponse with Error/Type, Error/Code, Error/Message and a sibling RequestId, sent as Content-Type text/xml; an x-amzn-RequestId header, where sent, equals that RequestId.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#error-envelope', 'docs/contract.md#request-id-header', QUERY],
    expect: [],
    needs: [],
  }),
  rule({
    id: 'envelope.error-type-sender',
    family: 'envelope',
    kind: 'invariant',
    statement: 'Every 4xx error has Error/Type `Sender`.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#error-envelope', QUERY],
    expect: [],
    needs: [],
  }),
  rule({
    id: 'envelope.error-status-matches-code',
    family: 'envelope',
    kind: 'invariant',
    statement: 'The HTTP status of an error is the one modelled for its wire Code (e.g. SnapshotNotFoundFault is 404).',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#wire-codes-and-shape-names', API],
    expect: [],
    needs: [],
  }),
  rule({
    id: 'envelope.success-shape',
    family: 'envelope',
    kind: 'invariant',
    statement: 'Every success is CopySnapshotResponse in the 2015-02-02 namespace with CopySnapshotResult/Snapshot and ResponseMetadata/RequestId, sent as Content-Type text/xml; an x-amzn-RequestId header, where sent, equals that RequestId.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#success-response', 'docs/contract.md#request-id-header', QUERY],
    expect: [],
  }),
  rule({
    id: 'envelope.success-types',
    family: 'envelope',
    kind: 'invariant',
    statement: 'Every Snapshot field has its modelled type, and the AWS SDK parses the answer.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#snapshot-fields', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Snapshot.html'],
    expect: [],
  }),
  rule({
    id: 'envelope.unknown-action',
    family: 'envelope',
    kind: 'request',
    statement: 'An unknown Action is refused with 400 InvalidAction.',
    grade: 'documented',
    sources: ['docs/contract.md#common-query-errors', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html'],
    expect: [fault(faults.InvalidAction)],
    needs: [],
  }),
  // ── wire: requests the SDK cannot send ─────────────────────────────────────────────────
  // a body without an Action, or one that cannot be decoded, can only be refused; `creates` where the copy may go through
  wireRule('wire.duplicate-form-keys', 'A body with a form key given twice', anyNon5xx, true),
  wireRule('wire.bad-percent-encoding', 'A body with malformed percent-encoding', [any4xx], false),
  wireRule('wire.invalid-utf8', 'A body whose percent-decoded bytes are not UTF-8', [any4xx], false),
  wireRule('wire.missing-action', 'A body with no Action', [any4xx], false),
  wireRule('wire.missing-version', 'A body with no Version', anyNon5xx, false),
  wireRule('wire.other-version', 'A body with another Version', anyNon5xx, false),
  wireRule('wire.get-query-string', 'A GET with the request in the query string', anyNon5xx, true),
  wireRule('wire.tags-member-alias', 'Tags sent as `Tags.member.N` instead of `Tags.Tag.N`', anyNon5xx, true),
  wireRule('wire.tag-index-gaps', 'Tag indexes with gaps (e.g. Tags.Tag.1, Tags.Tag.3)', anyNon5xx, true),
  wireRule('wire.large-body', 'A body over 1 MB', anyNon5xx, false),
  // ── post-state: what the endpoint shows afterwards ─────────────────────────────────────
  rule({
    id: 'post-state.returns-the-copy',
    family: 'post-state',
    kind: 'invariant',
    statement: 'An accepted copy returns the copy: lowercased target name, SnapshotSource `manual`, status `creating` or `available`, the source cluster metadata.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#success-response', 'docs/contract.md#names'],
    expect: [],
    creates: true,
  }),
  rule({
    id: 'post-state.accepted-is-listed',
    family: 'post-state',
    kind: 'invariant',
    statement: 'A copy the endpoint accepted is listed by DescribeSnapshots.',
    grade: 'documented',
    sources: [ALL],
    expect: [],
    creates: true,
  }),
  rule({
    id: 'post-state.refused-changes-nothing',
    family: 'post-state',
    kind: 'invariant',
    statement: 'A copy the endpoint refused is not listed by DescribeSnapshots, and nothing existing changed.',
    grade: 'documented',
    sources: [ALL, 'docs/contract.md#names'],
    expect: [],
  }),
  rule({
    id: 'post-state.tags-on-copy',
    family: 'post-state',
    kind: 'invariant',
    statement: "The copy carries the request's tags if any were given, else the source snapshot's tags (ListTagsForResource).",
    grade: 'documented',
    sources: ['docs/contract.md#tags', TAGGING, A],
    expect: [],
    needs: ['source-snapshot', 'list-tags'],
    creates: true,
  }),
  rule({
    id: 'post-state.model-sequence',
    family: 'post-state',
    kind: 'stateful',
    statement: 'Any sequence of copies, deletes and waits agrees with a model of the snapshot names (lowercased) and states.',
    grade: 'documented',
    sources: [API, ALL],
    expect: [],
    creates: true,
  }),
] as const satisfies readonly Rule[];

/** Every rule ID of the contract, as a type: tables keyed by rule are `Record<RuleId, …>`, so a missing row is a compile error. */
export type RuleId = (typeof ruleList)[number]['id'];
/** The IDs of the rules of one kind (`request`, `invariant`, `stateful`). */
export type RuleIdOfKind<K extends RuleKind> = Extract<(typeof ruleList)[number], { readonly kind: K }>['id'];
/** The IDs of the rules of one family. */
export type RuleIdOfFamily<F extends Family> = Extract<(typeof ruleList)[number], { readonly family: F }>['id'];
/** A rule of this contract. */
export type ContractRule = Rule<RuleId>;

export const rules: ReadonlyMap<RuleId, ContractRule> = new Map(ruleList.map((r) => [r.id, r]));

/** Every rule ID, in contract order. */
export const ruleIds: readonly RuleId[] = ruleList.map((r) => r.id);

/** True when `text` is a rule ID of the contract: the check config input (--rules, --expect-failures) passes at the edge. */
export function isRuleId(text: string): text is RuleId {
  return rules.has(text as RuleId);
}

/** The rule ID a string from outside names (a file, a flag, a recorded cassette); throws on any other string. */
export function asRuleId(text: string): RuleId {
  if (!isRuleId(text)) throw new Error(`unknown rule ID: ${text}`);
  return text;
}

/** The rule with this ID. Typed IDs cannot miss; the throw guards IDs that came from outside (a report file, JSON). */
export function ruleById(id: RuleId): ContractRule {
  const found = rules.get(id);
  if (!found) throw new Error(`unknown rule ID: ${id}`);
  return found;
}

export const families = [...new Set(ruleList.map((r) => r.family))];
