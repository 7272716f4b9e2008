// What a generator yields: one request and the outcomes a conforming endpoint may give.
import type { CopySnapshotInput, Outcome } from '../specs/types.js';

/** A raw request the SDK cannot send (wire.* rules). */
export interface WireCase {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export interface Case {
  /** the rule the case exercises, or `valid` */
  rule: string;
  /** SDK-sendable input */
  input?: CopySnapshotInput;
  wire?: WireCase;
  /** a plain copy to make first, so the case's target exists (uniqueness rules) */
  precreate?: CopySnapshotInput;
  /** re-derived by the oracle from the (possibly shrunk) input */
  expect: readonly Outcome[];
}
