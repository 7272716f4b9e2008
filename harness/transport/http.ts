// Any HTTP(S) endpoint over keep-alive sockets, SigV4-signed, with one deadline over the whole exchange
// (credentials, connect, headers, body) and a cap on the bytes read.
import http from 'node:http';
import https from 'node:https';
import type { AwsCredentialIdentity } from '@smithy/types';
import { isAwsHost, labelOf, regionOfHost } from './aws-hosts.js';
import { startDeadline, type Deadline } from './deadline.js';
import { firstLine, UsageError } from './errors.js';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { lazySdkClient } from './lazy-sdk.js';
import { createSigner, credentialsFor, type CredentialSource } from './signing.js';
import { defaultMaxBodyBytes, TransportError, type Send, type SendOptions, type Target, type WireAnswer, type WireRequest } from './types.js';

export interface HttpTargetOptions {
  /** signing region; default: from an AWS host name, else AWS_REGION, else us-east-1 */
  region?: string;
  timeoutMs: number;
  /** answers are cut (truncated: true) after this many body bytes; default 2 MiB */
  maxBodyBytes?: number;
  /** default: the standard AWS chain, dummy credentials on loopback hosts when it has none */
  credentials?: CredentialSource | AwsCredentialIdentity;
  /** parallel sockets per target; default 32 */
  maxSockets?: number;
}

/** Headers the transport owns: a caller's value would desynchronise the connection or the signature. */
const ownedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'authorization', 'x-amz-date']);

const certCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** Map a socket/parser error to a kind; `where` (host:port) is safe to print. */
export function transportErrorOf(error: NodeJS.ErrnoException, where: string): TransportError {
  const code = error.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new TransportError('refused', `connection refused by ${where}`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError('refused', `${where} is unreachable (${code})`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new TransportError('reset', `${where} reset the connection`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new TransportError('dns', `host name of ${where} not found (${code})`);
    case 'ETIMEDOUT':
      return new TransportError('timeout', `connecting to ${where} timed out`);
    case 'HPE_HEADER_OVERFLOW':
      return new TransportError('too-large', `${where} sent headers larger than Node's limit`);
  }
  if (code.startsWith('HPE_')) return new TransportError('protocol', `${where} did not answer valid HTTP (${code})`);
  if (certCodes.test(code)) return new TransportError('other', `the TLS certificate of ${where} is not trusted (${code}); NODE_EXTRA_CA_CERTS can add a CA`);
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return new TransportError('protocol', `TLS handshake with ${where} failed (${code})`);
  return new TransportError('other', `${where}: ${code ? `${code} ` : ''}${firstLine(error)}`);
}

function headersOf(response: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

interface Exchange {
  request: http.ClientRequest | undefined;
  answer: Promise<WireAnswer>;
}

export function createHttpTarget(endpoint: string, options: HttpTargetOptions): Target {
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  const where = url.host;
  const label = labelOf(url);
  const region = options.region ?? regionOfHost(url.hostname) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32 };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const given = options.credentials;
  const credentials: CredentialSource = typeof given === 'function' ? given : given ? async () => given : credentialsFor(url.hostname);
  const signer = createSigner(region, credentials);
  const max = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const basePath = url.pathname.replace(/\/+$/, '');
  let closed = false;

  /** One HTTP exchange on one socket; settles exactly once. */
  const exchange = (req: WireRequest, path: string, headers: Record<string, string>, body: Buffer, started: number): Exchange => {
    let request: http.ClientRequest | undefined;
    const answer = new Promise<WireAnswer>((resolve, reject) => {
      try {
        request = (secure ? https : http).request({ protocol: url.protocol, hostname: url.hostname, port: url.port || (secure ? 443 : 80), method: req.method, path, headers, agent });
      } catch (error) {
        // Node refuses the request before sending: a header with invalid characters, a bad path or method
        return reject(new TransportError('other', `the request cannot be sent as given: ${firstLine(error)}`));
      }
      request.on('error', (error: NodeJS.ErrnoException) => reject(transportErrorOf(error, where)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (truncated: boolean) =>
          resolve({
            status: response.statusCode ?? 0,
            headers: headersOf(response),
            body: Buffer.concat(chunks).toString('utf8'),
            rawBytes: size,
            truncated,
            ...(truncated ? { capBytes: max } : {}),
            ms: performance.now() - started,
          });
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size <= max) return void chunks.push(chunk);
          // over the cap: keep what fits, stop reading, and drop the socket (it still carries the rest)
          chunks.push(chunk.subarray(0, chunk.byteLength - (size - max)));
          done(true);
          response.destroy();
        });
        response.on('error', (error: NodeJS.ErrnoException) => reject(transportErrorOf(error, where)));
        response.on('end', () => done(false));
        response.on('close', () => {
          if (!response.complete) reject(new TransportError('reset', `${where} closed the connection mid-body (${size} bytes received)`));
        });
      });
      request.end(body);
    });
    return { request, answer };
  };

  const send: Send = async (req: WireRequest, opts: SendOptions = {}) => {
    const started = performance.now();
    if (closed) throw new TransportError('aborted', `the target ${label} is closed`);
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs;
    const deadline: Deadline = startDeadline(timeoutMs, opts.signal);
    let current: http.ClientRequest | undefined;
    deadline.onFire(() => current?.destroy());
    try {
      const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
      const path = `${basePath}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers ?? {})) if (!ownedHeaders.has(k.toLowerCase())) given[k.toLowerCase()] = v;
      given['content-length'] = String(body.byteLength);
      const headers = await deadline.race(
        signer.sign({ method: req.method, host: url.host, path, ...(req.query !== undefined ? { query: req.query } : {}), headers: given, body }),
      );
      const fullPath = req.query !== undefined ? `${path}?${req.query}` : path;
      for (let attempt = 0; ; attempt++) {
        const ex = exchange(req, fullPath, headers, body, started);
        current = ex.request;
        try {
          return await deadline.race(ex.answer);
        } catch (error) {
          // A kept-alive socket the server had just closed: Node's documented case for one retry on a fresh socket.
          const stale = error instanceof TransportError && error.kind === 'reset' && ex.request?.reusedSocket === true && attempt === 0;
          if (!stale) throw error;
        }
      }
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (error instanceof UsageError) throw error;
      throw new TransportError('other', firstLine(error));
    } finally {
      deadline.clear();
    }
  };

  let client: Promise<ElastiCacheClient> | undefined;
  const aws = isAwsHost(url.hostname);
  return {
    kind: aws ? 'aws' : 'http',
    label,
    region,
    isAws: aws,
    send,
    sdkClient: () => (client ??= lazySdkClient(send, region, options.timeoutMs)),
    close: async () => {
      closed = true;
      (await client?.catch(() => undefined))?.destroy();
      agent.destroy();
    },
  };
}
