// SigV4 signing of raw form requests (signing name `elasticache`), credentials from the standard chain.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { TransportError } from './types.js';

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

const dummy: AwsCredentialIdentity = { accessKeyId: 'AKIDCONFORMANCELOCAL', secretAccessKey: 'conformance-local-not-secret' };

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h.endsWith('.localhost');
}

/** The standard chain; on loopback hosts dummy credentials when the chain has none. */
export function credentialsFor(host: string): CredentialSource {
  const chain = defaultProvider();
  let cached: Promise<AwsCredentialIdentity> | undefined;
  return () =>
    (cached ??= chain().catch(() => {
      if (isLoopbackHost(host)) return dummy;
      throw new TransportError('other', 'no AWS credentials found (environment, AWS_PROFILE or shared files)');
    }));
}

export interface Signer {
  sign(req: { method: string; host: string; path: string; query?: string; headers: Record<string, string>; body: string | Uint8Array }): Promise<Record<string, string>>;
}

export function createSigner(region: string, credentials: CredentialSource): Signer {
  const signer = new SignatureV4({ service: 'elasticache', region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  return {
    async sign(req) {
      const query: Record<string, string> = {};
      if (req.query) for (const [k, v] of new URLSearchParams(req.query)) query[k] = v;
      const request = new HttpRequest({ method: req.method, hostname: req.host, path: req.path, query, headers: { ...req.headers, host: req.host }, body: req.body });
      const signed = await signer.sign(request);
      return signed.headers as Record<string, string>;
    },
  };
}
