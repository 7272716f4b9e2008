// What record, diff and `run --evidence` add to a run's result, as the reports read it: types only, on the
// contract's types alone, so that harness/result.ts and the reports need nothing of harness/parity/ itself.
import type { Family } from '../specs/types.js';

/** What kind of logical step an exchange is: a case's request, or a read or housekeeping step of the sequence. */
export type StepKind =
  /** a copy the case needs to exist first (uniqueness rules) */
  | 'precreate'
  /** the case's own CopySnapshot (or raw wire) request */
  | 'copy'
  /** DescribeSnapshots by name, after a case (post-state reads) or inside a stateful sequence */
  | 'describe'
  /** DeleteSnapshot inside a stateful sequence */
  | 'delete'
  /** poll DescribeSnapshots until the name is available (recorded as its last answer, however many polls) */
  | 'wait'
  /** ListTagsForResource of the copy the case made (by the ARN its own answer gave) */
  | 'list-tags';

/** An answer reduced to what parity compares. */
export interface NormalizedAnswer {
  outcome: 'success' | 'error' | 'malformed' | 'no-answer';
  status?: number;
  /** media type only (`text/xml`) */
  contentType?: string;
  /** the root element of the envelope, and its XML namespace */
  envelope?: string;
  namespace?: string;
  code?: string;
  type?: string;
  message?: string;
  /** `<request-id:N>` by reference (the same ID twice is the same N), or `absent` */
  requestId?: string;
  /** the x-amzn-RequestId header: `same as body`, `absent`, or another `<request-id:N>` */
  requestIdHeader?: string;
  /** error envelope parts that are absent */
  missing?: string[];
  /** the Snapshot's members and their types (`string`, `number`, `boolean`, `timestamp`, `list`) */
  snapshot?: Record<string, string>;
  snapshotName?: string;
  snapshotStatus?: string;
  /** list-tags steps: the copy's tags, `key=value`, sorted */
  tags?: string[];
  /** describe/wait steps: the name is listed / became available */
  exists?: boolean;
  available?: boolean;
  /** what the answer was when it was no envelope: the transport failure's kind, or why it is malformed */
  problem?: string;
}

/** One step whose normalized answers differ (or that only one side has). */
export interface StepDifference {
  rule: string;
  family: Family;
  /** the step's case path, e.g. `tags.max-50/1/0` */
  case: string;
  step: StepKind;
  /** the normalized fields that differ (`missing` when one side has no such step) */
  fields: string[];
  a?: NormalizedAnswer;
  b?: NormalizedAnswer;
  /** the request of the step as side B was sent it (text, cut for display) */
  request: { method: string; path: string; body: string };
  /** the allow-list's reason, when this difference is an accepted one */
  allowed?: string;
}

export interface FamilyDifferences {
  family: Family;
  rules: string[];
  differences: number;
}

export interface ParityDiff {
  sides: { a: string; b: string };
  /** where side A's answers came from: a cassette file and when it was recorded, or a live run */
  cassette?: { file: string; recordedAt: string };
  steps: { a: number; b: number };
  rules: string[];
  /** side A's steps per rule: what each rule's verdict compared */
  stepsByRule: Record<string, number>;
  differences: StepDifference[];
  byFamily: FamilyDifferences[];
  /** differences the allow-list accepts */
  allowed: number;
}

export type EvidenceStatus = 'confirmed' | 'contradicted' | 'no-evidence';

export interface RuleEvidence {
  status: EvidenceStatus;
  /** recorded answers held to the rule */
  answers: number;
  /** when the recording was made (the cassette header's recordedAt) */
  recordedAt: string;
  /** the first recorded answer the rule's expectation does not admit */
  contradiction?: { case: string; expected: string; recorded: string; reason: string };
  /** why there is no evidence */
  reason?: string;
}

export interface EvidenceReport {
  file: string;
  recordedAt: string;
  target: { kind: string; url: string };
  /** true when the cassette was recorded from AWS itself (else the evidence is only as good as its endpoint) */
  fromAws: boolean;
  confirmed: string[];
  contradicted: string[];
  noEvidence: string[];
  rules: Record<string, RuleEvidence>;
}
