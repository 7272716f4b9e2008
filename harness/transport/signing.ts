// SigV4 signing of raw requests (signing name `elasticache`), credentials from the standard AWS chain.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { UsageError } from './errors.js';

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

/** Used only for loopback hosts when the chain has nothing: local emulators accept any signature. */
export const loopbackCredentials: AwsCredentialIdentity = Object.freeze({ accessKeyId: 'AKIDCONFORMANCELOCAL', secretAccessKey: 'conformance-local-not-secret' });

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const refreshBeforeMs = 5 * 60_000;

/**
 * The standard chain (env, AWS_PROFILE, shared files, SSO, process, web identity, container/instance), resolved
 * lazily on the first request, kept until 5 minutes before it expires. On loopback hosts dummy credentials when
 * the chain has none; elsewhere a UsageError (exit 2) saying where credentials are looked for.
 */
export function credentialsFor(host: string): CredentialSource {
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const fresh = async (): Promise<AwsCredentialIdentity> => {
    try {
      return await defaultProvider()();
    } catch {
      if (isLoopbackHost(host)) return loopbackCredentials;
      throw new UsageError(`no AWS credentials found for ${host}: set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws/credentials`);
    }
  };
  return async () => {
    if (cached) {
      const c = await cached.catch(() => undefined);
      if (c && (c.expiration === undefined || c.expiration.getTime() - Date.now() > refreshBeforeMs)) return c;
    }
    cached = fresh();
    return cached;
  };
}

export interface SignInput {
  method: string;
  host: string;
  path: string;
  query?: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface Signer {
  /** all headers to send: the given ones plus host, x-amz-date, authorization (and x-amz-security-token) */
  sign(req: SignInput): Promise<Record<string, string>>;
}

export function createSigner(region: string, credentials: CredentialSource): Signer {
  const signer = new SignatureV4({ service: 'elasticache', region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  return {
    async sign(req) {
      const query: Record<string, string | string[]> = {};
      if (req.query)
        for (const [k, v] of new URLSearchParams(req.query)) {
          const seen = query[k];
          query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
        }
      const request = new HttpRequest({ method: req.method, hostname: req.host, path: req.path, query, headers: { ...req.headers, host: req.host }, body: req.body });
      const signed = await signer.sign(request);
      return signed.headers as Record<string, string>;
    },
  };
}
