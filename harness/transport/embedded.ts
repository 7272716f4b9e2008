// In-process target: msw request handlers answer Fetch Requests directly. No port, no network.
import { getResponse, type RequestHandler } from 'msw';
import { sdkClientOver } from './sdk-client.js';
import { defaultMaxBodyBytes, TransportError, type SendOptions, type Target, type WireAnswer, type WireRequest } from './types.js';

const decoder = new TextDecoder('utf-8');

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k.toLowerCase()] = v));
  return out;
}

export interface EmbeddedOptions {
  kind?: 'embedded' | 'handlers';
  label?: string;
  timeoutMs: number;
  maxBodyBytes?: number;
}

export function createEmbeddedTarget(handlers: RequestHandler[], options: EmbeddedOptions): Target {
  const max = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const send = async (req: WireRequest, opts: SendOptions = {}): Promise<WireAnswer> => {
    const started = performance.now();
    const url = `http://elasticache.embedded.test${req.path}${req.query !== undefined ? `?${req.query}` : ''}`;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, { method: req.method, headers: req.headers ?? {}, ...(hasBody ? { body: req.body as BodyInit } : {}) });
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransportError('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const response = await Promise.race([
        getResponse(handlers, request).catch((error: unknown) => {
          throw new TransportError('protocol', `a handler threw: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
        }),
        timeout,
      ]);
      if (!response) throw new TransportError('protocol', `no handler answered ${req.method} ${req.path}`);
      const bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), timeout]));
      const truncated = bytes.byteLength > max;
      return {
        status: response.status,
        headers: headersOf(response),
        body: decoder.decode(truncated ? bytes.subarray(0, max) : bytes),
        rawBytes: bytes.byteLength,
        truncated,
        ms: performance.now() - started,
      };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    kind: options.kind ?? 'embedded',
    label: options.label ?? 'embedded reference mock',
    region: 'us-east-1',
    isAws: false,
    send,
    sdkClient: (() => {
      let client: ReturnType<typeof sdkClientOver> | undefined;
      return () => (client ??= sdkClientOver(send, 'us-east-1', options.timeoutMs));
    })(),
    close: async () => undefined,
  };
}
