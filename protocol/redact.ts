// In the protocol layer because what it decodes is quoted in messages: a quoted excerpt is redacted where it
// is cut, so no layer above ever holds a prefix of a secret.
// Secrets never reach a report or a log: signatures, secret keys, session tokens, URL credentials.
const R = '[REDACTED]';

// Every pattern leaves text it already redacted as it is (also in a Markdown-escaped `\[REDACTED\]` form), so that
// redacting twice (a report string, then the stream it is printed on) changes nothing.
const patterns: [RegExp, string][] = [
  // a bare SigV4 Authorization value "AWS4-HMAC-SHA256 Credential=AKID/scope, …": keep the key id only
  [/(AWS4-HMAC-SHA256\s+Credential=)(?![A-Z0-9]{0,32}\/\\?\[REDACTED)([A-Z0-9]{4,32})?[^\s,"']*/gi, `$1$2/${R}`],
  // any Authorization header / field value (Basic, Bearer, anything else), up to the end of the value
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?=[^\s"'])(?!\\?\[REDACTED)[^"'\n\r]+/gi, `$1${R}`],
  [/(Signature=)[0-9a-f]{16,}/gi, `$1${R}`],
  // presigned-URL parameters (raw or percent-encoded '=')
  [/(X-Amz-(?:Signature|Security-Token)(?:=|%3D))(?!\\?\[REDACTED|%5BREDACTED)[^&\s"'<]+/gi, `$1${R}`],
  [/(X-Amz-Credential(?:=|%3D))(?![A-Z0-9]{0,32}(?:\/|%2F)\\?\[REDACTED)([A-Z0-9]{4,32})?[^&\s"'<]*/gi, `$1$2/${R}`],
  // header form: "x-amz-security-token: …" or JSON "x-amz-security-token":"…"
  [/(x-amz-security-token["']?\s*[:=]\s*["']?)(?=[^\s"'])(?!\\?\[REDACTED)[^"'\s,}]+/gi, `$1${R}`],
  // credentials in config / JSON / env form
  [/(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|aws_security_token)(["']?\s*[:=]\s*["']?)(?=[^\s"'])(?!\\?\[REDACTED)[^"'\s,}&]+/gi, `$1$2${R}`],
  // XML credentials (STS-style answers)
  [/(<(SecretAccessKey|SessionToken)>)(?!\\?\[REDACTED)[^<]*(<\/\2>)/gi, `$1${R}$3`],
  // user:password@ (or a lone token as user) in URLs
  // (the scheme starts where a word does, and is short: else a long run of letters costs quadratic time)
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)(?!\\?\[REDACTED\\?\]@)[^/\s@'"<>]+@/gi, `$1${R}@`],
];

const secretEnvNames = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'] as const;
const accessKeyEnvName = 'AWS_ACCESS_KEY_ID';
/** very short values would redact ordinary words; real secrets are 40+ characters */
const minSecretLength = 8;
/** a cut secret is recognised from this many characters on (a prefix, a suffix, or anything holding an aligned block) */
const fragmentLength = 16;

/** Secrets the harness resolved itself (credentials from the chain), registered by the signer. */
const registered = new Set<string>();

interface Compiled {
  /** the environment values the set was built from, to notice a change cheaply */
  envKey: string;
  registeredSize: number;
  /** secret values (and their percent-encoded forms), longest first */
  secrets: string[];
  /** access key ids: redacted except right after `Credential=` (where the patterns show them) */
  accessKeyIds: RegExp | undefined;
}

let compiled: Compiled | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function envKeyOf(): string {
  let key = '';
  for (const name of secretEnvNames) key += `${process.env[name] ?? ''}\0`;
  return `${key}${process.env[accessKeyEnvName] ?? ''}`;
}

function compile(envKey: string): Compiled {
  const values = new Set<string>();
  const add = (value: string | undefined) => {
    if (!value || value.length < minSecretLength) return;
    values.add(value);
    values.add(encodeURIComponent(value));
  };
  for (const name of secretEnvNames) add(process.env[name]);
  for (const value of registered) add(value);
  const secrets = [...values].sort((a, b) => b.length - a.length);
  const akid = process.env[accessKeyEnvName];
  const accessKeyIds =
    akid && akid.length >= minSecretLength ? new RegExp(`(?<!Credential(?:=|%3D))${escapeRegExp(akid)}`, 'gi') : undefined;
  return { envKey, registeredSize: registered.size, secrets, accessKeyIds };
}

function current(): Compiled {
  const envKey = envKeyOf();
  if (!compiled || compiled.envKey !== envKey || compiled.registeredSize !== registered.size) compiled = compile(envKey);
  return compiled;
}

/**
 * Register a secret resolved at run time (a secret access key, a session token) so that it, and any
 * 16+ character prefix or suffix of it, is redacted from then on wherever it appears.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < minSecretLength || registered.has(value)) return;
  registered.add(value);
  compiled = undefined;
}

/** Where in `text` the secret, or a cut piece of it, appears: [start, end) ranges. */
function secretRanges(text: string, secret: string, into: [number, number][]): void {
  if (secret.length < fragmentLength) {
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) into.push([at, at + secret.length]);
    return;
  }
  // anchors: every aligned block plus the final block; a prefix or suffix of 16+ characters holds the first
  // or the last one, and any piece of 31+ characters holds an aligned one. Each hit is extended both ways.
  const anchors: number[] = [];
  for (let k = 0; k + fragmentLength <= secret.length; k += fragmentLength) anchors.push(k);
  if (anchors[anchors.length - 1] !== secret.length - fragmentLength) anchors.push(secret.length - fragmentLength);
  for (const k of anchors) {
    const block = secret.slice(k, k + fragmentLength);
    for (let at = text.indexOf(block); at >= 0; at = text.indexOf(block, at + 1)) {
      let i = k;
      let start = at;
      while (i > 0 && start > 0 && text.charCodeAt(start - 1) === secret.charCodeAt(i - 1)) {
        i--;
        start--;
      }
      let j = k + fragmentLength;
      let end = at + fragmentLength;
      while (j < secret.length && end < text.length && text.charCodeAt(end) === secret.charCodeAt(j)) {
        j++;
        end++;
      }
      into.push([start, end]);
    }
  }
}

function redactSecretValues(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length < minSecretLength) return text;
  const ranges: [number, number][] = [];
  for (const secret of secrets) secretRanges(text, secret, ranges);
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let last = 0;
  for (const [start, end] of ranges) {
    if (end <= last) continue;
    if (start >= last) {
      out += text.slice(last, start) + R;
    }
    last = end;
  }
  return out + text.slice(last);
}

/**
 * Remove secrets from any text: the patterns above, the values of the secret AWS environment variables and of
 * registered secrets (also a 16+ character prefix or suffix of one, as text cut by someone else leaves it), and
 * the access key id outside the `Credential=AKID/` form.
 */
export function redact(text: string): string {
  const c = current();
  let out = redactSecretValues(text, c.secrets);
  if (c.accessKeyIds) out = out.replace(c.accessKeyIds, R);
  if (!mayMatchPattern.test(out)) return out;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** A word every pattern above needs: most texts (names, answers) hold none, and skip the nine replacements. */
const mayMatchPattern = /aws4-hmac-sha256|authorization|signature=|x-amz-|secret|session|security|:\/\//i;

/** Redact, then cut to `max` characters (with `…` when cut): never the other way round. */
export function redactedExcerpt(text: string, max: number): string {
  const safe = redact(text);
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

const secretParams = /^x-amz-(signature|security-token|credential)$/i;

/** A URL safe to print: no user:password, no signature/credential/token query parameters. */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return redact(String(url));
  }
  if (u.username || u.password) {
    u.username = R;
    u.password = '';
  }
  for (const key of [...u.searchParams.keys()]) if (secretParams.test(key)) u.searchParams.set(key, R);
  return redact(u.href.replace(/%5BREDACTED%5D/g, R));
}

const secretHeaders = /^(authorization|proxy-authorization|x-amz-security-token|cookie|set-cookie)$/i;

/** Headers safe to print: secret headers' values replaced, others passed through redact(). */
export function redactHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    out[k] = secretHeaders.test(k) ? R : redact(value);
  }
  return out;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const wrapped = new WeakSet<object>();

/** A chunk as it will be written, redacted: strings (UTF-8) and UTF-8 byte chunks; anything else as it is. */
function redactChunk(chunk: unknown, encoding: unknown): unknown {
  if (typeof chunk === 'string') return encoding === undefined || typeof encoding !== 'string' || /^utf-?8$/i.test(encoding) ? redact(chunk) : chunk;
  if (chunk instanceof Uint8Array) {
    let text: string;
    try {
      text = strictUtf8.decode(chunk);
    } catch {
      return chunk; // not text: nothing a pattern could recognise
    }
    const safe = redact(text);
    return safe === text ? chunk : Buffer.from(safe, 'utf8');
  }
  return chunk;
}

/**
 * Everything written to the streams (default: process.stdout and process.stderr) passes through redact() from
 * now on, whoever writes it (the CLI, a library, the SDK). Installing twice is a no-op. A secret split across two
 * writes is not seen whole here; the harness redacts its own text before it writes.
 */
export function installStreamRedaction(streams: readonly { write: unknown }[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (wrapped.has(stream)) continue;
    wrapped.add(stream);
    const write = (stream.write as Write).bind(stream);
    const redacting: Write = (chunk, ...rest) => write(redactChunk(chunk, rest[0]), ...rest);
    stream.write = redacting;
  }
}
