// Planted secrets never survive redact(), redactUrl(), redactHeaders().
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { excerpt } from '../../harness/checks/outcome.js';
import { installStreamRedaction, redact, redactHeaders, redactUrl, redactedExcerpt, registerSecret } from '../../protocol/redact.js';
import { firstLine } from '../../harness/transport/errors.js';

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

/** A 700-character session token, like an STS one: redaction must recognise any long cut piece of it. */
const longToken = `IQoJb3JpZ2luX2Vj${Array.from({ length: 8 }, (_, i) => createHash('sha512').update(`token-${i}`).digest('base64')).join('')}`.slice(0, 700);

/** Every 16-character piece of `secret` that is still in `text`. */
function pieces(text: string, secret: string, size = 16): string[] {
  const found: string[] = [];
  for (let i = 0; i + size <= secret.length; i++) if (text.includes(secret.slice(i, i + size))) found.push(secret.slice(i, i + size));
  return found;
}

describe('redact on cut text', () => {
  it('redacts a 300-character prefix of the token (text cut by someone else) and a suffix', () => {
    vi.stubEnv('AWS_SESSION_TOKEN', longToken);
    const prefix = redact(`token was ${longToken.slice(0, 300)}`);
    expect(prefix).toBe('token was [REDACTED]');
    const suffix = redact(`…${longToken.slice(-40)} and more`);
    expect(suffix).toBe('…[REDACTED] and more');
    expect(pieces(redact(longToken.slice(0, 16)), longToken)).toEqual([]);
    expect(pieces(redact(`a ${longToken.slice(100, 400)} b`), longToken)).toEqual([]);
  });

  it('redacts before cutting: excerpt(), firstLine(), redactedExcerpt() never leave a prefix of a secret', () => {
    vi.stubEnv('AWS_SESSION_TOKEN', longToken);
    const message = `x-amz-security-token ${longToken} rest`;
    for (const out of [excerpt(message), firstLine(new Error(message)), redactedExcerpt(message, 300), excerpt(`${'a'.repeat(250)}${longToken}`)]) {
      expect(pieces(out, longToken)).toEqual([]);
    }
    expect(excerpt(`${'a'.repeat(250)}${longToken}`)).toBe(`${'a'.repeat(250)}[REDACTED]`);
  });

  it('redacts registered secrets (credentials resolved at run time), cut or whole', () => {
    const resolved = 'RegisteredSecretValue0123456789abcdefABCDEF';
    expect(redact(resolved)).toBe(resolved);
    registerSecret(resolved);
    expect(redact(`k=${resolved}`)).toBe('k=[REDACTED]');
    expect(redact(`k=${resolved.slice(0, 20)}`)).toBe('k=[REDACTED]');
    expect(redact(`k=${encodeURIComponent(resolved)}`)).toBe('k=[REDACTED]');
  });

  it('redacts the access key id except in the Credential= prefix', () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAPLANTEDKEY123456');
    expect(redact('key AKIAPLANTEDKEY123456 leaked')).toBe('key [REDACTED] leaked');
    expect(redact('AWS4-HMAC-SHA256 Credential=AKIAPLANTEDKEY123456/20260101/us-east-1/elasticache/aws4_request')).toBe('AWS4-HMAC-SHA256 Credential=AKIAPLANTEDKEY123456/[REDACTED]');
    expect(redact('X-Amz-Credential=AKIAPLANTEDKEY123456%2F20260101')).toBe('X-Amz-Credential=AKIAPLANTEDKEY123456/[REDACTED]');
  });

  it('is idempotent: redacting redacted text (also Markdown-escaped) changes nothing', () => {
    const texts = [`Authorization: ${authorization}`, JSON.stringify({ authorization, 'x-amz-security-token': sessionToken }), `aws_session_token=${sessionToken}`, 'http://u:pa55word@h/'];
    for (const text of texts) {
      const once = redact(text);
      expect(redact(once)).toBe(once);
      const escaped = once.replace(/\[REDACTED\]/g, '\\[REDACTED\\]');
      expect(redact(escaped)).toBe(escaped);
    }
  });

  it('stays fast: patterns are built when the secrets change, not per call', () => {
    vi.stubEnv('AWS_SESSION_TOKEN', longToken);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secretKey);
    const line = 'PASS  names.target-required (documented, 25 req, 120 ms) — all answers as expected';
    const started = performance.now();
    for (let i = 0; i < 5000; i++) redact(line);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stays linear on long runs of letters (a body of 20 KiB of "a" once took quadratic time)', () => {
    const started = performance.now();
    expect(redact('a'.repeat(1 << 20))).toHaveLength(1 << 20);
    expect(redact(`${'x'.repeat(100_000)} http://u:pa55word@h`)).not.toContain('pa55word');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('installStreamRedaction', () => {
  it('redacts strings and UTF-8 chunks written to a stream, keeps callbacks and binary data, installs once', () => {
    vi.stubEnv('AWS_SESSION_TOKEN', longToken);
    const written: unknown[] = [];
    const stream = { write: (chunk: unknown, ..._rest: unknown[]) => (written.push(chunk), true) };
    installStreamRedaction([stream]);
    installStreamRedaction([stream]);
    const done = vi.fn();
    stream.write(`t=${longToken.slice(0, 300)}\n`, done);
    stream.write(Buffer.from(`Authorization: ${authorization}\n`));
    const binary = Buffer.from([0xff, 0xfe, 0x00]);
    stream.write(binary);
    expect(written[0]).toBe('t=[REDACTED]\n');
    expect(String(written[1])).toBe('Authorization: [REDACTED]\n');
    expect(written[2]).toBe(binary);
  });
});
