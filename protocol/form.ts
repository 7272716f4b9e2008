// Reading application/x-www-form-urlencoded bodies (and GET query strings) strictly:
// every malformed percent-escape and every invalid UTF-8 sequence is reported, never thrown.

import { redactedExcerpt } from './redact.js';

export type FormPairs = [key: string, value: string][];

export interface FormParse {
  pairs: FormPairs;
  /** malformed percent-escapes, invalid UTF-8 */
  errors: string[];
}

// ignoreBOM: a value may start with U+FEFF (%EF%BB%BF); the default decoder would drop it silently
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const hexPair = /^[0-9A-Fa-f]{2}$/;

/** One key or value: '+' is a space (as in HTML forms), `%XX` a byte; the bytes must be UTF-8. */
function decodeComponent(raw: string, errors: string[]): string {
  const text = raw.replace(/\+/g, ' ');
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (hexPair.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 3;
        continue;
      }
      errors.push(`malformed percent-escape "${text.slice(i, i + 3)}"`);
      bytes.push(0x25);
      i += 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    for (const b of encoder.encode(ch)) bytes.push(b);
    i += ch.length;
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    errors.push(`percent-decoded bytes of "${redactedExcerpt(raw, 60)}" are not valid UTF-8`);
    return lenientUtf8.decode(Uint8Array.from(bytes));
  }
}

/** Split and decode a form body or query string (without the `?`); never throws. */
export function parseForm(body: string | Uint8Array): FormParse {
  const errors: string[] = [];
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      errors.push('the body is not valid UTF-8');
      text = lenientUtf8.decode(body);
    }
  }
  const pairs: FormPairs = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq), errors);
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1), errors);
    pairs.push([key, value]);
  }
  return { pairs, errors };
}

/** Keys given more than once, each listed once, in first-seen order. */
export function duplicateKeys(pairs: readonly (readonly [string, string])[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const [k] of pairs) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

/** The parameters of any action, first value per key (report duplicates with `duplicateKeys`). */
export function paramsOf(pairs: readonly (readonly [string, string])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) if (!map.has(k)) map.set(k, v);
  return map;
}
