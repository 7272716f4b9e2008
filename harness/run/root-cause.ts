// Root causes: what an answer that is not the protocol was, in short words a mock author can act on
// ("HTTP 500 text/html page"), identical for identical causes so failures that share one can be grouped.
import { describeNonXml, isHtmlType, looksBinary, looksLikeHtml, mediaTypeOf } from '../../protocol/body-sniff.js';
import { parseXmlDocument } from '../../protocol/xml-parse.js';
import { readAnswer, type ParsedAnswer } from '../../protocol/xml-read.js';
import type { RootCauseGroup, RuleResult } from '../result.js';
import type { WireAnswer } from '../transport/index.js';
import type { Exchange } from './exchange-types.js';

/**
 * What a body is: `text/html page`, `JSON`, `empty body`, `plain text`, `XML <Root>`, `XML with a DOCTYPE`,
 * `XML that does not parse`, `binary`, or `body cut at N bytes`. The body decides; the content type only
 * names what the body leaves open, so protocol XML labelled text/html is still `XML <CopySnapshotResponse>`.
 */
export function describeBody(answer: Pick<WireAnswer, 'body' | 'headers' | 'truncated'>): string {
  if (answer.truncated) return `body cut at ${Buffer.byteLength(answer.body, 'utf8')} bytes`;
  const text = answer.body.replace(/^\uFEFF/, '').trim();
  const type = mediaTypeOf(answer.headers['content-type']);
  if (text === '') return 'empty body';
  if (looksBinary(text)) return 'binary';
  if (looksLikeHtml(text)) return 'text/html page';
  if (!text.startsWith('<')) return describeNonXml(text, type);
  const doc = parseXmlDocument(text);
  if (doc.ok) return doc.rootName.toLowerCase() === 'html' ? 'text/html page' : `XML <${doc.rootName}>`;
  if (isHtmlType(type)) return 'text/html page';
  return /DOCTYPE/.test(doc.reason) ? 'XML with a DOCTYPE' : 'XML that does not parse';
}

/** A transport failure in words without hosts or byte counts, so the same failure reads the same every time. */
function transportCause(error: NonNullable<Exchange['transportError']>): string {
  switch (error.kind) {
    case 'timeout': {
      const ms = /within (\d+) ?ms/.exec(error.message)?.[1];
      return ms ? `no answer within ${ms} ms` : 'no answer within the timeout';
    }
    case 'refused':
      return 'connection refused';
    case 'reset':
      return /mid-body/.test(error.message) ? 'connection closed mid-body' : 'connection reset';
    case 'dns':
      return 'host name not found';
    case 'too-large':
      return 'answer headers too large';
    case 'protocol':
      return /TLS/.test(error.message) ? 'TLS handshake failed' : 'answer is not HTTP';
    case 'aborted':
      return 'request aborted';
    default:
      return `transport error: ${error.message}`;
  }
}

/** The envelope of a protocol answer, as a cause names it: `ErrorResponse ServiceUnavailable`, `CopySnapshotResponse`. */
function envelopeOf(parsed: Exclude<ParsedAnswer, { kind: 'malformed' }>): string {
  return parsed.kind === 'error' ? `ErrorResponse${parsed.code ? ` ${parsed.code}` : ''}` : parsed.rootName;
}

/** What came back, whatever it was: `HTTP 400 ErrorResponse InvalidParameterValue`, `HTTP 500 text/html page`, `connection reset`. */
export function answerSummary(ex: Exchange): string {
  if (ex.transportError) return transportCause(ex.transportError);
  const a = ex.answer;
  if (!a) return 'no answer';
  const parsed = ex.parsed ?? readAnswer(a.status, a.headers, a.body);
  return `HTTP ${a.status} ${parsed.kind === 'malformed' ? describeBody(a) : envelopeOf(parsed)}`;
}

/** A protocol answer: an ErrorResponse or `…Response` envelope with a status below 500. */
export function isProtocolExchange(ex: Exchange): boolean {
  if (ex.transportError || !ex.answer) return false;
  const parsed = ex.parsed ?? readAnswer(ex.answer.status, ex.answer.headers, ex.answer.body);
  return parsed.kind !== 'malformed' && ex.answer.status < 500;
}

/** undefined for a protocol answer below 500; otherwise one short cause, the same words for the same cause. */
export function rootCauseOf(ex: Exchange): string | undefined {
  return isProtocolExchange(ex) ? undefined : answerSummary(ex);
}

/** Rules (not passed, not skipped) whose root cause is shared by two or more: largest group first, then by cause. */
export function groupRootCauses(rules: readonly RuleResult[]): RootCauseGroup[] {
  const groups = new Map<string, string[]>();
  for (const r of rules) {
    if (r.rootCause === undefined || r.verdict === 'pass' || r.verdict === 'skip') continue;
    groups.set(r.rootCause, [...(groups.get(r.rootCause) ?? []), r.id]);
  }
  return [...groups]
    .filter(([, ids]) => ids.length > 1)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([cause, ids]) => ({ cause, rules: ids }));
}

/** `n cause` lines, most frequent first: the top `top` and how many more. */
export function countCauses(causes: readonly string[], top = 2): { distinct: number; listed: string } {
  const counts = new Map<string, number>();
  for (const c of causes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const shown = sorted.slice(0, top).map(([c, n]) => `${n} ${c}`);
  const rest = sorted.slice(top).reduce((sum, [, n]) => sum + n, 0);
  return { distinct: sorted.length, listed: [...shown, ...(rest > 0 ? [`${rest} other`] : [])].join(', ') };
}
