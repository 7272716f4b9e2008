// Any HTTP(S) endpoint over keep-alive sockets, SigV4-signed, with a timeout over the whole exchange
// (connect, headers, body) and a cap on the bytes read.
import http from 'node:http';
import https from 'node:https';
import { sdkClientOver } from './sdk-client.js';
import { createSigner, credentialsFor, type CredentialSource } from './signing.js';
import { defaultMaxBodyBytes, TransportError, type SendOptions, type Target, type WireAnswer, type WireRequest } from './types.js';

export interface HttpTargetOptions {
  region: string;
  timeoutMs: number;
  maxBodyBytes?: number;
  isAws?: boolean;
  credentials?: CredentialSource;
}

function kindOf(error: NodeJS.ErrnoException): TransportError {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new TransportError('refused', 'connection refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new TransportError('reset', 'connection reset by the endpoint');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `host not found (${code})`);
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return new TransportError('protocol', `not a valid HTTP answer (${code})`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return new TransportError('other', `TLS problem (${code})`);
  return new TransportError('other', `${code || 'error'}: ${String(error.message).split('\n')[0]}`);
}

export function labelOf(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

export function createHttpTarget(endpoint: string, options: HttpTargetOptions): Target {
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 16 }) : new http.Agent({ keepAlive: true, maxSockets: 16 });
  const signer = createSigner(options.region, options.credentials ?? credentialsFor(url.hostname));
  const max = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const basePath = url.pathname.replace(/\/$/, '');

  const send = async (req: WireRequest, opts: SendOptions = {}): Promise<WireAnswer> => {
    const started = performance.now();
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs;
    const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body);
    const path = `${basePath}${req.path}` || '/';
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const headers = await signer.sign({
      method: req.method,
      host: url.host,
      path,
      ...(req.query !== undefined ? { query: req.query } : {}),
      headers: { ...(req.headers ?? {}), ...(hasBody ? { 'content-length': String(body.byteLength) } : {}) },
      body: hasBody ? body : '',
    });
    return new Promise<WireAnswer>((resolve, reject) => {
      let settled = false;
      const finish = (error: TransportError | undefined, answer?: WireAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(answer!);
      };
      const request = (secure ? https : http).request({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || (secure ? 443 : 80),
        method: req.method,
        path: req.query !== undefined ? `${path}?${req.query}` : path,
        headers,
        agent,
      });
      const timer = setTimeout(() => {
        finish(new TransportError('timeout', `no complete answer within ${timeoutMs} ms`));
        request.destroy();
      }, timeoutMs);
      const onAbort = () => {
        finish(new TransportError('aborted', 'the run was interrupted'));
        request.destroy();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) => finish(kindOf(error)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          size += chunk.byteLength;
          if (size > max) {
            truncated = true;
            chunks.push(chunk.subarray(0, chunk.byteLength - (size - max)));
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(response.headers)) out[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
            finish(undefined, { status: response.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8'), rawBytes: size, truncated: true, ms: performance.now() - started });
            response.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error: NodeJS.ErrnoException) => finish(kindOf(error)));
        response.on('aborted', () => finish(new TransportError('reset', 'the endpoint closed the connection mid-body')));
        response.on('end', () => {
          if (!response.complete) return finish(new TransportError('reset', 'the endpoint closed the connection mid-body'));
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(response.headers)) out[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
          finish(undefined, { status: response.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8'), rawBytes: size, truncated: false, ms: performance.now() - started });
        });
        response.on('close', () => {
          if (!response.complete) finish(new TransportError('reset', 'the endpoint closed the connection mid-body'));
        });
      });
      request.end(hasBody ? body : undefined);
    });
  };

  let client: ReturnType<typeof sdkClientOver> | undefined;
  return {
    kind: options.isAws ? 'aws' : 'http',
    label: labelOf(url),
    region: options.region,
    isAws: options.isAws ?? false,
    send,
    sdkClient: () => (client ??= sdkClientOver(send, options.region, options.timeoutMs)),
    close: async () => {
      agent.destroy();
    },
  };
}
