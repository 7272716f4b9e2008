import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';

export { TransportError, type TransportErrorKind } from './errors.js';

export interface WireRequest {
  method: string;
  path: string;
  /** raw query string, without the `?`, sent as it is */
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
  /** bytes received (when truncated: received before the read stopped, more than the cap) */
  rawBytes: number;
  /** the body was cut at the size cap */
  truncated: boolean;
  /** the size cap the body was cut at (set when truncated) */
  capBytes?: number;
  ms: number;
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type Send = (req: WireRequest, opts?: SendOptions) => Promise<WireAnswer>;

export interface Target {
  kind: 'embedded' | 'handlers' | 'http' | 'aws';
  /** safe to print: no credentials, no query */
  label: string;
  region: string;
  isAws: boolean;
  send: Send;
  /** the real SDK client (maxAttempts 1) over the same target, loaded on first use (the harness itself speaks the protocol through `send`) */
  sdkClient(): Promise<ElastiCacheClient>;
  close(): Promise<void>;
}

export const defaultMaxBodyBytes = 2 * 1024 * 1024;
