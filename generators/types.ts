// What a generator yields: one request and the outcomes a conforming endpoint may give.
import { asRuleId, type RuleId } from '../specs/rules.js';
import type { CopySnapshotInput, Outcome } from '../specs/types.js';

/** What a case exercises: a rule, a valid copy (`valid`), or several refusing rules at once (`multi-fault`). */
export type CaseLabel = RuleId | 'valid' | 'multi-fault';

/** The case label a string from outside names (e.g. a recorded cassette); throws on any other string. */
export function asCaseLabel(text: string): CaseLabel {
  if (text === 'valid' || text === 'multi-fault') return text;
  return asRuleId(text);
}

/** A raw request the SDK cannot send (wire.* rules). */
export interface WireCase {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export interface Case {
  /** the rule the case exercises, or `valid` / `multi-fault` */
  rule: CaseLabel;
  /** SDK-sendable input */
  input?: CopySnapshotInput;
  wire?: WireCase;
  /** a plain copy to make first, so the case's target exists (uniqueness rules) */
  precreate?: CopySnapshotInput;
  /** re-derived by the oracle from the (possibly shrunk) input */
  expect: readonly Outcome[];
}
