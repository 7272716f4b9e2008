// Markdown pieces for report text (summary.md and its parity sections): prose, inline code and fenced blocks
// that render their content verbatim, whatever it holds.
import { stripInvalidXml } from './escape.js';

const clean = (t: string) => stripInvalidXml(t).replace(/\r\n?/g, '\n');

/** Prose: no HTML, no accidental emphasis, links or headings. */
export function mdText(t: string): string {
  return clean(t)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|~])/g, '\\$1')
    .replace(/\n/g, ' ');
}

const longestTicks = (t: string) => Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));

/** An inline code span that survives backticks in its content. Pipes are escaped for table cells. */
export function mdCode(t: string): string {
  const body = clean(t).replace(/\n/g, ' ').replace(/\|/g, '\\|');
  const ticks = '`'.repeat(longestTicks(body) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/** A fenced block longer than any backtick run inside it, so the content is verbatim. */
export function mdBlock(t: string, lang = ''): string[] {
  const body = clean(t);
  const fence = '`'.repeat(Math.max(3, longestTicks(body) + 1));
  return [`${fence}${lang}`, body, fence];
}
