// AWS Signature Version 4 for one request, written for the harness's hot path: node:crypto directly, the
// signing key kept per day, scope and credentials. It signs exactly as @smithy/signature-v4 does (same
// canonical path, query, headers and generated headers); test/transport/sigv4.test.ts holds the two to the
// same signature for generated requests. The AWS SDK's signer costs several times more per request (an HMAC of
// the credentials to find its key cache, a request clone, promise hops), and a run signs thousands.
import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentialIdentity } from '@smithy/types';
import { encodeFormComponent } from '../../protocol/form-encode.js';

export interface Sigv4Request {
  method: string;
  /** the Host header */
  host: string;
  path: string;
  /** the raw query string without `?` */
  query?: string;
  /** lower-case names */
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** Never signed (the SDK's list): hop-by-hop and client-owned headers. */
const unsignable = new Set(['authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id']);
/** Headers the signer writes itself: a caller's value is dropped. */
const generated = new Set(['authorization', 'x-amz-date', 'date']);

/** SigV4 escapes as the SDK's form encoder does (RFC 3986: encodeURIComponent plus `!'()*`). */
const escapeUri = encodeFormComponent;

/** The path with `.`, `..` and empty segments resolved, escaped once more (slashes kept). */
function canonicalPath(given: string): string {
  // as the SDK's HttpRequest has it: always absolute
  const path = given.startsWith('/') ? given : `/${given}`;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/** Parameters decoded as URLSearchParams reads them, re-escaped, sorted by key, each key's values sorted. */
function canonicalQuery(query: string | undefined): string {
  if (!query) return '';
  const byKey = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(query)) {
    if (k.toLowerCase() === 'x-amz-signature') continue;
    const key = escapeUri(k);
    const pair = `${key}=${escapeUri(v)}`;
    const pairs = byKey.get(key);
    if (pairs) pairs.push(pair);
    else byKey.set(key, [pair]);
  }
  return [...byKey.keys()]
    .sort()
    .map((key) => byKey.get(key)!.sort().join('&'))
    .join('&');
}

const signingKeys = new Map<string, Buffer>();

function signingKey(credentials: AwsCredentialIdentity, shortDate: string, region: string, service: string): Buffer {
  const id = `${shortDate}\0${region}\0${service}\0${credentials.accessKeyId}\0${credentials.secretAccessKey}\0${credentials.sessionToken ?? ''}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(shortDate).digest();
    for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size >= 16) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** `20260102T030405Z` and `20260102` for a time. */
function dates(now: Date): { longDate: string; shortDate: string } {
  const longDate = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return { longDate, shortDate: longDate.slice(0, 8) };
}

/** All headers to send: the caller's (less the generated ones), host, x-amz-date, the token, the payload hash, authorization. */
export function signSigv4(req: Sigv4Request, credentials: AwsCredentialIdentity, region: string, service: string, now = new Date()): Record<string, string> {
  const { longDate, shortDate } = dates(now);
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (!generated.has(name)) headers[name] = value;
  headers.host = req.host;
  headers['x-amz-date'] = longDate;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  let payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash === undefined) {
    payloadHash = createHash('sha256').update(req.body).digest('hex');
    headers['x-amz-content-sha256'] = payloadHash;
  }
  const signed = Object.keys(headers)
    .filter((name) => !unsignable.has(name) && !name.startsWith('proxy-') && !name.startsWith('sec-'))
    .sort();
  const canonicalHeaders = signed.map((name) => `${name}:${headers[name]!.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '')}`).join('\n');
  const canonicalRequest = `${req.method}\n${canonicalPath(req.path)}\n${canonicalQuery(req.query)}\n${canonicalHeaders}\n\n${signed.join(';')}\n${payloadHash}`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', signingKey(credentials, shortDate, region, service)).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
  return headers;
}
