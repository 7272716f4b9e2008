// Planted secrets never survive redact(), redactUrl(), redactHeaders().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redact, redactHeaders, redactUrl } from '../../harness/redact.js';

const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const sessionToken = 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars';
const signature = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
const authorization = `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${signature}`;

afterEach(() => void vi.unstubAllEnvs());

function expectClean(text: string) {
  for (const secret of [secretKey, sessionToken, encodeURIComponent(sessionToken), signature, 'pa55word', 'Bearer abc.def.ghi', 'c2VjcmV0OnBhc3M=']) expect(text).not.toContain(secret);
}

describe('redact', () => {
  it.each([
    ['header line', `Authorization: ${authorization}\nx-amz-date: 20260101T000000Z`],
    ['JSON headers', JSON.stringify({ authorization, 'x-amz-security-token': sessionToken, host: 'h' })],
    ['bare SigV4 value', `signed with ${authorization} ok`],
    ['Basic / Bearer', 'authorization: Basic c2VjcmV0OnBhc3M=\nAuthorization = Bearer abc.def.ghi'],
    ['presigned URL', `https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(sessionToken)}&X-Amz-Signature=${signature}`],
    ['shared credentials file', `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${secretKey}\naws_session_token = ${sessionToken}`],
    ['SDK credentials object', JSON.stringify({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secretKey, sessionToken })],
    ['STS XML', `<Credentials><SecretAccessKey>${secretKey}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken></Credentials>`],
    ['URL credentials', 'endpoint http://admin:pa55word@127.0.0.1:4566/ failed'],
    ['token as URL user', 'https://pa55word@example.test/x'],
  ])('%s', (_name, text) => {
    const out = redact(text);
    expectClean(out);
    expect(out).toContain('[REDACTED]');
  });

  it('keeps the access key id and what is not secret', () => {
    const out = redact(`Authorization: ${authorization}`);
    expect(redact(authorization)).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(out.startsWith('Authorization: ')).toBe(true);
    const plain = 'POST / 400 InvalidParameterValue: TargetSnapshotName must be 1..255 characters (x-amz-date 20260101T000000Z)';
    expect(redact(plain)).toBe(plain);
  });

  it('redacts the literal values of the secret environment variables wherever they appear', () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secretKey);
    vi.stubEnv('AWS_SESSION_TOKEN', sessionToken);
    const out = redact(`key=${secretKey} token ${sessionToken} encoded ${encodeURIComponent(sessionToken)} in free text`);
    expectClean(out);
    expect(out).toBe('key=[REDACTED] token [REDACTED] encoded [REDACTED] in free text');
  });
});

describe('redactUrl / redactHeaders', () => {
  it('strips userinfo and secret query parameters, keeps the rest', () => {
    const out = redactUrl(`https://user:pa55word@host.test:8443/p?a=1&X-Amz-Signature=${signature}&X-Amz-Security-Token=${encodeURIComponent(sessionToken)}`);
    expectClean(out);
    expect(out).toContain('host.test:8443/p?a=1');
    expect(redactUrl('not a url with http://u:pa55word@h')).not.toContain('pa55word');
  });

  it('replaces secret header values whatever their case', () => {
    const out = redactHeaders({ Authorization: authorization, 'X-Amz-Security-Token': sessionToken, cookie: 'sid=1', 'content-type': 'text/xml', 'set-cookie': ['a=1', 'b=2'], 'content-length': 3 });
    expectClean(JSON.stringify(out));
    expect(out).toEqual({ Authorization: '[REDACTED]', 'X-Amz-Security-Token': '[REDACTED]', cookie: '[REDACTED]', 'content-type': 'text/xml', 'set-cookie': '[REDACTED]', 'content-length': '3' });
  });
});
