// The real SDK client routed through a target's `send`, so typed and raw checks share one transport.
import { Readable } from 'node:stream';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { WireRequest, WireAnswer, SendOptions } from './types.js';

export function sdkClientOver(
  send: (req: WireRequest, opts?: SendOptions) => Promise<WireAnswer>,
  region: string,
  timeoutMs: number,
): ElastiCacheClient {
  return new ElastiCacheClient({
    region,
    endpoint: 'http://target.invalid',
    credentials: { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const body = typeof request.body === 'string' ? request.body : request.body ? Buffer.from(request.body as Uint8Array).toString('utf8') : '';
        const query = Object.entries(request.query ?? {})
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&');
        const answer = await send({ method: request.method, path: request.path || '/', ...(query ? { query } : {}), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { timeoutMs });
        return {
          response: new HttpResponse({ statusCode: answer.status, headers: answer.headers, body: Readable.from([Buffer.from(answer.body, 'utf8')]) }),
        };
      },
    },
  });
}
