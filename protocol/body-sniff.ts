// What a body looks like at a glance, without parsing it as XML. Shared by the XML reader (its `malformed`
// reasons) and the root-cause words, so a body is called the same thing everywhere.

const sniffChars = 2048;

/** `text/html`, `application/x-amz-json-1.0` …: the media type alone, lowercased. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isHtmlType(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}

export function isJsonType(mediaType: string): boolean {
  return /(^|[/+])json$|json-/.test(mediaType);
}

/** An HTML page: `<!DOCTYPE html` or `<html`, after an optional XML declaration and comments. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, sniffChars).replace(/^\uFEFF/, '').trimStart();
  return /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html\b|html[\s>/])/i.test(head);
}

/** A JSON document (object or array) that parses. */
export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * Mostly not text: over a tenth of the first characters are control characters or U+FFFD (bytes that were
 * not UTF-8). A few stray bad bytes inside a text answer do not make it binary.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, sniffChars);
  if (head.length === 0) return false;
  let odd = 0;
  for (const ch of head) if (ch === '\uFFFD' || (ch < ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') || ch === '\u007F') odd++;
  return odd / head.length > 0.1;
}

/** The kind of a body that does not start like XML: `binary`, `JSON` or `plain text`. */
export function describeNonXml(text: string, mediaType = ''): string {
  if (looksBinary(text)) return 'binary';
  if (looksLikeJson(text) || isJsonType(mediaType)) return 'JSON';
  if (isHtmlType(mediaType)) return 'text/html page';
  return 'plain text';
}
