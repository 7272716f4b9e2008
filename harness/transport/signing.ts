// SigV4 signing of raw requests (signing name `elasticache`), credentials from the standard AWS chain.
// The credential chain is loaded on first use (dynamic import): it pulls in most of the AWS SDK's credential
// providers, which a run against a loopback host or in-process never needs. The signature itself is sigv4.ts.
import type { AwsCredentialIdentity } from '@smithy/types';
import { registerSecret } from '../../protocol/redact.js';
import { UsageError } from './errors.js';
import { signSigv4, type Sigv4Request } from './sigv4.js';

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

/** Used for every loopback host, whatever the chain holds: local emulators accept any signature, and real credentials never go to them. */
export const loopbackCredentials: AwsCredentialIdentity = Object.freeze({ accessKeyId: 'AKIDCONFORMANCELOCAL', secretAccessKey: 'conformance-local-not-secret' });

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const refreshBeforeMs = 5 * 60_000;

/** Resolved credentials are registered with redact(): their secret parts never reach a log or a report. */
function registered(c: AwsCredentialIdentity): AwsCredentialIdentity {
  if (c !== loopbackCredentials) {
    registerSecret(c.secretAccessKey);
    registerSecret(c.sessionToken);
  }
  return c;
}

/**
 * On loopback hosts the dummy `loopbackCredentials`, without asking any provider (no real credential is sent to a
 * local endpoint, and instance metadata is never contacted). Elsewhere the standard chain (env, AWS_PROFILE, shared
 * files, SSO, process, web identity, container/instance), resolved lazily on the first request, kept until 5 minutes
 * before it expires; a UsageError (exit 2) saying where credentials are looked for when it has none.
 */
export function credentialsFor(host: string): CredentialSource {
  if (isLoopbackHost(host)) return async () => loopbackCredentials;
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const fresh = async (): Promise<AwsCredentialIdentity> => {
    try {
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      return registered(await defaultProvider()());
    } catch {
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

/** What is signed: the request as it goes on the wire (lower-case header names, the raw query string). */
export type SignInput = Sigv4Request;

export interface Signer {
  /** all headers to send: the given ones plus host, x-amz-date, authorization (and x-amz-security-token) */
  sign(req: SignInput): Promise<Record<string, string>>;
}

export function createSigner(region: string, source: CredentialSource): Signer {
  return {
    async sign(req) {
      // whatever the source (the chain, explicit credentials), what signs is registered for redaction
      const credentials = registered(await source());
      if (typeof credentials?.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string') throw new Error('Resolved credential object is not valid');
      return signSigv4(req, credentials, region, 'elasticache');
    },
  };
}
