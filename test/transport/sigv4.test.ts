// The harness's own SigV4 signer must sign exactly as the AWS SDK's signer does: same headers, same signature.
import fc from 'fast-check';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { signSigv4, type Sigv4Request } from '../../harness/transport/sigv4.js';

/** The SDK's signer, called as the harness called it before it had its own. */
async function sdkSign(req: Sigv4Request, credentials: AwsCredentialIdentity, region: string, now: Date): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'elasticache', region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const query: Record<string, string | string[]> = {};
  if (req.query)
    for (const [k, v] of new URLSearchParams(req.query)) {
      const seen = query[k];
      query[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
    }
  const request = new HttpRequest({ method: req.method, hostname: req.host, path: req.path, query, headers: { ...req.headers, host: req.host }, body: req.body });
  return (await signer.sign(request, { signingDate: now })).headers as Record<string, string>;
}

const piece = fc.constantFrom('a', 'Z', '0', '-', '_', '.', '~', ' ', '+', '%41', '%zz', '%', '!', "'", '(', '*', 'ü', '😀', '/', '=', '&', ';', ',', '..');
const text = fc.string({ unit: piece, maxLength: 6 });
const path = fc.oneof(fc.constant('/'), text.map((t) => `/${t}`), fc.constantFrom('/a/../b', '//x//', '/./a/', '/a/b/', ''));
const queryKey = fc.oneof(fc.constantFrom('Action', 'Version', 'Tags.Tag.1.Key', 'X-Amz-Signature', 'x-amz-signature', 'a', 'A', 'b'), text.filter((t) => t !== '__proto__'));
const query = fc.option(fc.array(fc.tuple(queryKey, text), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')), { nil: undefined });
const rawQuery = fc.constantFrom('a=1&a=0&b', 'x=%zz&y=+1+', '=v&k=', 'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=s%20x');
const headerName = fc.constantFrom('content-type', 'x-amz-target', 'user-agent', 'x-amzn-trace-id', 'keep-alive', 'te', 'upgrade', 'cache-control', 'date', 'proxy-auth', 'sec-x', 'x-custom', 'x-amz-content-sha256', 'expect', 'connection', 'authorization', 'x-amz-date');
const headerValue = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', 'x/y', '=', ';', 'é'), maxLength: 6 });
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 4 });
const body = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), fc.constant(''));
const credentials = fc.record(
  { accessKeyId: fc.constantFrom('AKIDEXAMPLE', 'AKIDCONFORMANCELOCAL'), secretAccessKey: fc.constantFrom('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'conformance-local-not-secret'), sessionToken: fc.constantFrom('token/with+chars==', 'IQoJb3JpZ2luX2VjE') },
  { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
);
const region = fc.constantFrom('us-east-1', 'eu-west-3', 'local');
const now = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });
const request = fc.record({ method: fc.constantFrom('POST', 'GET', 'PUT'), host: fc.constantFrom('127.0.0.1:4566', 'elasticache.us-east-1.amazonaws.com', '[::1]:8080'), path, query: fc.oneof(query, rawQuery), headers, body });

describe('signSigv4', () => {
  it('gives the headers and signature of the AWS SDK signer for any request', async () => {
    await fc.assert(
      fc.asyncProperty(request, credentials, region, now, async (req, creds, reg, at) => {
        expect(signSigv4(req, creds, reg, 'elasticache', at)).toEqual(await sdkSign(req, creds, reg, at));
      }),
      { numRuns: 1500, seed: 4 },
    );
  });

  it('matches a request signed by the SDK signer across a day boundary (the cached key is per day)', async () => {
    const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    const req: Sigv4Request = { method: 'POST', host: 'elasticache.us-east-1.amazonaws.com', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CopySnapshot&Version=2015-02-02' };
    for (const at of ['2026-12-03T23:59:59.999Z', '2026-12-04T00:00:00.000Z', '2026-12-03T23:59:59.999Z'].map((t) => new Date(t)))
      expect(signSigv4(req, creds, 'us-east-1', 'elasticache', at)).toEqual(await sdkSign(req, creds, 'us-east-1', at));
  });
});
