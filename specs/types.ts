// Types shared by the whole project. The contract (specs/) is plain data of these types;
// generators, harness and reports read it and never the other way round.

/** Evidence grade, as docs/contract.md#evidence-grades defines it. */
export type Grade = 'documented' | 'observed' | 'inferred';

/** The rule families; one conformance spec file each. */
export type Family =
  | 'names'
  | 'tags'
  | 'uniqueness'
  | 'state'
  | 'export'
  | 'quota'
  | 'envelope'
  | 'wire'
  | 'post-state';

/**
 * One acceptable answer. A rule expects a *set* of these.
 * - `{ status: 200 }`: success.
 * - `{ status: 404, code: 'SnapshotNotFoundFault' }`: that error, compared on the raw `<Code>`.
 * - `{ status: '4xx' }`: any well-formed 4xx error envelope (optionally with a fixed code).
 * `message` names a documented message template the `<Message>` must match.
 */
export interface Outcome {
  readonly status: number | '4xx';
  readonly code?: string;
  readonly message?: ExportMessageId;
}

/** Where a rule's expectation comes from: `docs/contract.md#<section>` or an AWS page (specs/sources.ts). */
export type Source = string;

/** What a rule needs from the endpoint before it can run; a missing fixture means "skipped". */
export type FixtureNeed =
  | 'source-snapshot'
  | 'pending-snapshot'
  | 'export-bucket'
  | `bucket:${BucketCondition}`
  | 'snapshot-quota'
  | 'list-tags';

/** How a rule is exercised. */
export type RuleKind =
  /** a class of generated requests, each with this rule's expected outcomes */
  | 'request'
  /** a property of every response (or of what DescribeSnapshots shows afterwards) */
  | 'invariant'
  /** a sequence of commands against a model */
  | 'stateful';

/** A rule of the contract; `Id` is the literal ID where the rule list is known (specs/rules.ts `RuleId`). */
export interface Rule<Id extends string = string> {
  readonly id: Id;
  readonly family: Family;
  readonly kind: RuleKind;
  readonly statement: string;
  readonly grade: Grade;
  /** docs/contract.md sections and/or AWS pages, e.g. `docs/contract.md#defaults-for-open-questions` */
  readonly sources: readonly Source[];
  /** acceptable outcomes for the request class; empty for invariants (they check every answer) */
  readonly expect: readonly Outcome[];
  /** fixtures the rule needs; absent ones make the rule "skipped" with the flag that enables it */
  readonly needs: readonly FixtureNeed[];
  /** true where exercising the rule on AWS creates a snapshot (counts against --max-creates) */
  readonly creates: boolean;
}

/** A fault (error) the contract knows: wire code, HTTP status, `<Type>`. */
export interface Fault {
  /** Smithy shape name = SDK exception class name (may differ from the wire code) */
  readonly shape: string;
  /** the `<Code>` on the wire */
  readonly code: string;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  /** modelled for CopySnapshot (the seed's Errors section) or a common Query error */
  readonly scope: 'CopySnapshot' | 'common';
  readonly doc: string;
  readonly sources: readonly Source[];
}

/** The eight S3 export failure conditions of the seed, one per documented message. */
export type BucketCondition =
  | 'outside-region'
  | 'does-not-exist'
  | 'not-owned'
  | 'caller-denied'
  | 'object-exists'
  | 'no-read'
  | 'no-write'
  | 'no-read-acp';

export type ExportMessageId = BucketCondition;

export interface ExportMessage {
  readonly id: ExportMessageId;
  /** verbatim from the seed, with `%s` placeholders */
  readonly template: string;
  /** what fills each `%s`, in order */
  readonly placeholders: readonly ('bucket' | 'key')[];
  readonly solution: string;
}

/** A tag as the SDK models it: Key may not be null, Value may. */
export interface Tag {
  Key?: string;
  Value?: string;
}

/** The CopySnapshot input (`CopySnapshotMessage`); every member optional so invalid inputs type-check. */
export interface CopySnapshotInput {
  SourceSnapshotName?: string;
  TargetSnapshotName?: string;
  TargetBucket?: string;
  KmsKeyId?: string;
  Tags?: Tag[];
}

export type RequestMemberName = keyof CopySnapshotInput;

export interface RequestMember {
  readonly name: RequestMemberName;
  readonly required: boolean;
  readonly type: 'String' | 'TagList';
  /** wire key pattern, N is the 1-based list index */
  readonly wireKeys: readonly string[];
  readonly doc: string;
}

export type ScalarType = 'String' | 'Integer' | 'Boolean' | 'Timestamp' | 'Enum';

export interface ResultMember {
  readonly name: string;
  readonly type: ScalarType | 'NodeSnapshotList';
  /** allowed values for enums and documented value sets */
  readonly values?: readonly string[];
}

/** What the endpoint is known to hold before a run: the fixtures a user declares. */
export interface Fixtures {
  /** an available snapshot to copy */
  sourceSnapshot?: string;
  /** a snapshot that exists but is not `available` */
  pendingSnapshot?: string;
  /** an S3 bucket a copy can be exported to */
  exportBucket?: string;
  /** buckets that produce each documented S3 export failure */
  buckets?: Partial<Record<BucketCondition, string>>;
  /** a target name whose export key (`<name>-0001.rdb`) already exists in `buckets['object-exists']` */
  existingExportTarget?: string;
  /** the endpoint's declared snapshot quota (manual snapshots it will hold) */
  snapshotQuota?: number;
  /** a cluster id from which CreateSnapshot can make a source */
  cluster?: string;
}
