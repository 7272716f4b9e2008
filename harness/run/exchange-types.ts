// What one request/answer pair looks like to the checks.
import type { CopySnapshotInput } from '../../specs/types.js';
import type { ParsedAnswer } from '../../protocol/index.js';
import type { WireAnswer } from '../transport/index.js';

export interface SentRequest {
  method: string;
  path: string;
  /** the form body (or query string for GET) exactly as sent, as text */
  body: string;
  /** the SDK input, where the request is one the SDK could send */
  sdkInput?: CopySnapshotInput;
}

export interface Exchange {
  request: SentRequest;
  answer?: WireAnswer;
  parsed?: ParsedAnswer;
  /** no usable answer: timeout, reset, refused … (one line) */
  transportError?: { kind: string; message: string };
}
