import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';

export interface WireRequest {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export interface WireAnswer {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  /** UTF-8 decoded (U+FFFD for invalid bytes) */
  body: string;
  rawBytes: number;
  /** the body was cut at the size cap */
  truncated: boolean;
  ms: number;
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Target {
  kind: 'embedded' | 'handlers' | 'http' | 'aws';
  /** safe to print: no credentials, no query */
  label: string;
  region: string;
  isAws: boolean;
  send(req: WireRequest, opts?: SendOptions): Promise<WireAnswer>;
  /** the real SDK client (maxAttempts 1) over the same target */
  sdkClient(): ElastiCacheClient;
  close(): Promise<void>;
}

export type TransportErrorKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'too-large' | 'aborted' | 'protocol' | 'other';

/** No usable answer; the message is one line with no secrets. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const defaultMaxBodyBytes = 2 * 1024 * 1024;
