// One more redaction pass over everything a report holds, whatever the harness already did.
// Strings go through harness/redact.ts; values under secret-looking keys are replaced whole,
// because a bare secret (no "Signature=" or "token:" around it) is only recognisable by its key.
import { redact } from '../protocol/redact.js';

export const redactedMark = '[REDACTED]';

const secretKey = /secret|password|passwd|session[-_]?token|security[-_]?token|signature|authorization|cookie|credentials$/i;

/**
 * A JSON-safe deep copy of `value` with every string redacted and every secret-keyed value replaced.
 * Never throws: cycles, bigints, dates and functions all become plain JSON values (or disappear).
 */
export function redactDeep(value: unknown, ancestors = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return redactDeep(toJSON.call(value), ancestors);
    } catch {
      return '[unserialisable]';
    }
  }
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((item) => redactDeep(item, ancestors) ?? null);
  else {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safe = secretKey.test(key) && item !== undefined && item !== null && item !== '' ? redactedMark : redactDeep(item, ancestors);
      if (safe !== undefined) copy[redact(key)] = safe;
    }
    out = copy;
  }
  ancestors.delete(value);
  return out;
}
