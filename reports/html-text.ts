// Text pieces of report.html that must not wrap where a reader would misread them. A browser breaks lines after
// any hyphen, so `--bucket-fixture` could end one line as `--bucket-` and a copied-by-eye command would be wrong.
// Commands are laid out one argument group (`--flag value`) per unbreakable span, wrapping only between groups;
// the spans' text is the command's text, unchanged, so copying the element copies the command exactly.
import type { ActualAnswer } from '../harness/result.js';
import type { Outcome } from '../specs/types.js';
import { escapeAttr as attr, escapeText as esc } from './escape.js';

/**
 * Shell words of a command line with the blanks after each, quotes kept as written (`'a b'` is one word). The words
 * and gaps joined give back the command exactly, whatever it holds (an unterminated quote runs to the end).
 */
export function shellWords(command: string): { word: string; gap: string }[] {
  const out: { word: string; gap: string }[] = [];
  let i = 0;
  const lead = /^\s*/.exec(command)![0];
  if (lead) out.push({ word: '', gap: lead });
  i = lead.length;
  while (i < command.length) {
    let j = i;
    let quote: string | undefined;
    for (; j < command.length; j++) {
      const c = command[j]!;
      if (quote) {
        if (c === quote) quote = undefined;
        else if (c === '\\' && quote === '"') j++;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '\\') j++;
      else if (/\s/.test(c)) break;
    }
    j = Math.min(j, command.length);
    const gap = /^\s*/.exec(command.slice(j))![0];
    out.push({ word: command.slice(i, j), gap });
    i = j + gap.length;
  }
  return out;
}

/** Longer than this, an argument may break anywhere (a wire body in --data-binary) rather than run off the page. */
const longArg = 120;

/**
 * A command as HTML: each flag with its value (`--seed 42`, `-H 'content-type: …'`) in one `nowrap` span, the
 * command's own spaces between spans as the only places a line may break.
 */
export function commandHtml(command: string): string {
  const words = shellWords(command);
  const groups: { text: string; gap: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (/^-/.test(w.word) && next && !/^-/.test(next.word)) {
      groups.push({ text: w.word + w.gap + next.word, gap: next.gap });
      i++;
    } else groups.push({ text: w.word, gap: w.gap });
  }
  return groups
    .map((g) => {
      if ([...g.text].length <= longArg) return `<span class="arg">${esc(g.text)}</span>${esc(g.gap)}`;
      // too long for one line: the flag stays whole, its value (a wire body) may break anywhere
      const flag = /^-\S*(?=\s)/.exec(g.text)?.[0];
      const body = flag ? `<span class="arg">${esc(flag)}</span>${esc(g.text.slice(flag.length))}` : esc(g.text);
      return `<span class="arg long">${body}</span>${esc(g.gap)}`;
    })
    .join('');
}

/** Prose (skip reasons, notes) with every `--flag` and the value after it (`NAME`, `cond=BUCKET`, `N`) kept on one line. */
export function proseHtml(text: string): string {
  const re = /--[a-z][a-z0-9-]*(?: (?:[A-Z][A-Z_]*|[a-z0-9-]+=[A-Z]+|\d+)\b)?/g;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(re)) {
    out += esc(text.slice(at, m.index)) + `<span class="flag">${esc(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + esc(text.slice(at));
}

/**
 * The answer as `actualText` prints it, with its status and code marked where no expected outcome allows them, so
 * the difference stands out next to the expectation. Invariants expect no one outcome: nothing is marked there.
 */
export function actualHtml(a: ActualAnswer, expected: readonly Outcome[]): string {
  const fits = (o: Outcome) => o.status === a.status || (o.status === '4xx' && a.status !== undefined && a.status >= 400 && a.status < 500);
  const statusOk = expected.length === 0 || expected.some(fits);
  const codeOk = expected.length === 0 || expected.some((o) => o.code === undefined || o.code === a.code);
  const mark = (text: string, ok: boolean) => (ok ? esc(text) : `<mark>${esc(text)}</mark>`);
  const parts = [mark(String(a.status ?? 'no answer'), statusOk && a.status !== undefined)];
  if (a.code !== undefined && a.code !== '') parts.push(mark(a.code, codeOk));
  if (a.message !== undefined) parts.push(esc(`"${a.message}"`));
  if (a.problem !== undefined) parts.push(esc(`(${a.problem})`));
  return parts.join(' ');
}

/** A rule's sources, the AWS pages among them as links a reader can open (docs/contract.md ships with the package). */
export function sourcesHtml(sources: readonly string[]): string {
  return sources.map((src) => (/^https:\/\/[^\s"<>]+$/.test(src) ? `<a href="${attr(src)}" rel="noreferrer">${esc(src)}</a>` : esc(src))).join('; ');
}
