// Plain-text pieces every report format shares: expected versus actual, the request, durations.
import { expectedText } from '../harness/format.js';
import type { ActualAnswer, Counterexample, RuleResult, Verdict } from '../harness/result.js';

export { expectedText };

export const verdictLabel: Record<Verdict, string> = {
  fail: 'fail',
  warn: 'warn',
  'known-deviation': 'known deviation',
  skip: 'skip',
  pass: 'pass',
  inconclusive: 'inconclusive',
};

export function actualText(a: ActualAnswer): string {
  return [a.status ?? 'no answer', a.code, a.message === undefined ? '' : `"${a.message}"`, a.problem === undefined ? '' : `(${a.problem})`].filter((p) => p !== '' && p !== undefined).join(' ');
}

/** The minimal reproduction: the shrunk command sequence, or the request as sent on the wire. */
export function requestText(f: Counterexample): string {
  if (f.commands?.length) return f.commands.join('\n');
  return `${f.method} ${f.path}\n\n${f.body}`;
}

export function sdkInputText(f: Counterexample): string | undefined {
  if (f.sdkInput === undefined) return undefined;
  try {
    return JSON.stringify(f.sdkInput, null, 2);
  } catch {
    return String(f.sdkInput);
  }
}

/** Everything a reader needs to understand and replay one failing rule, as lines of text. */
export function failureLines(r: RuleResult): string[] {
  const f = r.failure;
  const lines = [`rule: ${r.id} [${r.grade}] ${r.statement}`, `source: ${r.sources.join('; ')}`];
  if (r.reason && r.reason !== f?.reason) lines.push(`note: ${r.reason}`);
  if (!f) return lines;
  lines.push(`why: ${f.reason}`, `expected: ${expectedText(f.expected)}`, `actual: ${actualText(f.actual)}`);
  lines.push(f.commands?.length ? `commands:\n${f.commands.join('\n')}` : `request: ${f.method} ${f.path}\n${f.body}`);
  const sdk = sdkInputText(f);
  if (sdk !== undefined) lines.push(`sdk input: ${sdk}`);
  lines.push(`seed: ${f.seed}${f.path_ ? ` path: ${f.path_}` : ''}`, `replay: ${f.replay}`);
  if (f.curl) lines.push(`curl: ${f.curl}`);
  return lines;
}

export const seconds = (ms: number): string => (Number.isFinite(ms) ? Math.max(0, ms) / 1000 : 0).toFixed(3);

/** Fail first, pass last, stable within a verdict. */
/** How reports list verdicts: failures first, then rules that could not be judged, passes last. */
export const verdictOrder: readonly Verdict[] = ['fail', 'inconclusive', 'warn', 'known-deviation', 'skip', 'pass'];

export function byVerdict<T extends { verdict: Verdict }>(rules: readonly T[]): T[] {
  return rules.map((r, i) => ({ r, i })).sort((a, b) => verdictOrder.indexOf(a.r.verdict) - verdictOrder.indexOf(b.r.verdict) || a.i - b.i).map(({ r }) => r);
}
