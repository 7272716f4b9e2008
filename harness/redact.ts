// Secrets never reach a report or a log: signatures, secret keys, session tokens, URL credentials.
const R = '[REDACTED]';

const patterns: [RegExp, string][] = [
  // a bare SigV4 Authorization value "AWS4-HMAC-SHA256 Credential=AKID/scope, …": keep the key id only
  [/(AWS4-HMAC-SHA256\s+Credential=)([A-Z0-9]{4,32})?[^\s,"']*/gi, `$1$2/${R}`],
  // any Authorization header / field value (Basic, Bearer, anything else), up to the end of the value
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^"'\n\r]+/gi, `$1${R}`],
  [/(Signature=)[0-9a-f]{16,}/gi, `$1${R}`],
  // presigned-URL parameters (raw or percent-encoded '=')
  [/(X-Amz-(?:Signature|Security-Token)(?:=|%3D))[^&\s"'<]+/gi, `$1${R}`],
  [/(X-Amz-Credential(?:=|%3D))([A-Z0-9]{4,32})?[^&\s"'<]*/gi, `$1$2/${R}`],
  // header form: "x-amz-security-token: …" or JSON "x-amz-security-token":"…"
  [/(x-amz-security-token["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^"'\s,}]+/gi, `$1${R}`],
  // credentials in config / JSON / env form
  [/(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|aws_security_token)(["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^"'\s,}&]+/gi, `$1$2${R}`],
  // XML credentials (STS-style answers)
  [/(<(SecretAccessKey|SessionToken)>)[^<]*(<\/\2>)/gi, `$1${R}$3`],
  // user:password@ (or a lone token as user) in URLs
  [/([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"<>]+@/gi, `$1${R}@`],
];

function secretEnvValues(): string[] {
  const out: string[] = [];
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) {
    const value = process.env[name];
    // very short values would redact ordinary words; real secrets are 40+ characters
    if (value && value.length >= 8) out.push(value, encodeURIComponent(value));
  }
  return out;
}

/** Remove secrets from any text, including the literal values of the secret AWS environment variables. */
export function redact(text: string): string {
  let out = text;
  for (const value of secretEnvValues()) out = out.split(value).join(R);
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
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
