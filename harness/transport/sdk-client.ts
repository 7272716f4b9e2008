// The real SDK client routed through a target's `send`, so typed and raw checks share one transport
// (same timeouts, caps, signing and AWS gating). The SDK does not sign (its signer passes requests through,
// with throwaway credentials for a placeholder host); the target signs for the real one, so only the target
// ever touches real credentials.
import { Readable } from 'node:stream';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { Send, WireRequest } from './types.js';

/** Headers the target sets itself (signature, host, length) and so must not be copied from the SDK's request. */
const resigned = new Set(['authorization', 'host', 'content-length', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'amz-sdk-invocation-id', 'amz-sdk-request']);

function queryOf(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(one === null || one === undefined ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(one)}`);
  }
  return parts.join('&');
}

export function wireRequestOfSdk(request: HttpRequest): WireRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (!resigned.has(k.toLowerCase())) headers[k.toLowerCase()] = v;
  const body: unknown = request.body;
  const wire: WireRequest = {
    method: request.method,
    path: request.path || '/',
    headers,
    body: typeof body === 'string' ? body : body instanceof Uint8Array ? body : '',
  };
  const query = queryOf(request.query);
  if (query) wire.query = query;
  return wire;
}

export function sdkClientOver(send: Send, region: string, timeoutMs: number): ElastiCacheClient {
  return new ElastiCacheClient({
    region,
    endpoint: 'http://target.invalid',
    credentials: { accessKeyId: 'AKIDCONFORMANCESDK', secretAccessKey: 'conformance-sdk-placeholder' },
    maxAttempts: 1,
    // the target signs what it sends (and drops the SDK's signature headers): signing here too would hash every
    // body twice for nothing, so the SDK's own signing step passes the request through unchanged
    signer: { sign: async (request) => request },
    requestHandler: {
      handle: async (request: HttpRequest, options?: { abortSignal?: AbortSignal }) => {
        const signal = options?.abortSignal as AbortSignal | undefined;
        const answer = await send(wireRequestOfSdk(request), { timeoutMs, ...(signal ? { signal } : {}) });
        return {
          response: new HttpResponse({ statusCode: answer.status, headers: answer.headers, body: Readable.from([Buffer.from(answer.body, 'utf8')]) }),
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
      destroy: () => undefined,
    },
  });
}
