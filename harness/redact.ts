// Secrets never reach a report or a log: signatures, credentials, session tokens.
const patterns: [RegExp, string][] = [
  [/(Authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1[REDACTED]'],
  [/(AWS4-HMAC-SHA256\s+Credential=)[^\s,"']+/g, '$1[REDACTED]'],
  [/(Signature=)[0-9a-f]{16,}/gi, '$1[REDACTED]'],
  [/(X-Amz-Signature=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(X-Amz-Security-Token=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(X-Amz-Credential=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(x-amz-security-token["']?\s*[:=]\s*["']?)[^"'\s,]+/gi, '$1[REDACTED]'],
  [/(aws_secret_access_key|secretAccessKey|sessionToken|aws_session_token)(["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi, '$1$2[REDACTED]'],
  [/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[REDACTED]@'],
];

/** Remove secrets from any text (also the literal values of the secret environment variables). */
export function redact(text: string): string {
  let out = text;
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) {
    const value = process.env[name];
    if (value && value.length >= 8) out = out.split(value).join('[REDACTED]');
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
