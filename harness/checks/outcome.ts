// Does an answer match one of a rule's acceptable outcomes?
import { exportMessagePattern, exportObjectKey } from '../../specs/messages.js';
import type { CopySnapshotInput, Outcome } from '../../specs/types.js';
import { redactedExcerpt } from '../../protocol/redact.js';
import type { ActualAnswer } from '../result.js';
import type { Exchange } from '../run/exchange-types.js';

/** Why `ex` does not match `outcome`, or undefined when it does. */
export function mismatch(ex: Exchange, outcome: Outcome, input?: CopySnapshotInput): string | undefined {
  if (ex.transportError) return `no answer (${ex.transportError.kind})`;
  const parsed = ex.parsed;
  if (!parsed) return 'no answer';
  if (outcome.status === 200) {
    if (parsed.status !== 200) return `status ${parsed.status}, expected 200`;
    if (parsed.kind !== 'success') return `200 but not a CopySnapshotResponse (${parsed.kind === 'malformed' ? parsed.reason : 'ErrorResponse'})`;
    return undefined;
  }
  const statusOk = outcome.status === '4xx' ? parsed.status >= 400 && parsed.status < 500 : parsed.status === outcome.status;
  if (!statusOk) return `status ${parsed.status}, expected ${outcome.status}`;
  if (parsed.kind !== 'error') return `status ${parsed.status} but not an ErrorResponse (${parsed.kind === 'malformed' ? parsed.reason : 'success body'})`;
  if (outcome.code !== undefined && parsed.code !== outcome.code) return `Code ${parsed.code ?? '(none)'}, expected ${outcome.code}`;
  if (outcome.message !== undefined) {
    const values: { bucket?: string; key?: string } = {};
    if (input?.TargetBucket) values.bucket = input.TargetBucket;
    if (input?.TargetSnapshotName) values.key = exportObjectKey(input.TargetSnapshotName);
    const pattern = exportMessagePattern(outcome.message, values);
    if (!pattern.test(parsed.message ?? '')) return `Message "${excerpt(parsed.message)}" does not match the documented template ${pattern.source}`;
  }
  return undefined;
}

/** Undefined when `ex` matches any of `outcomes`; else the reasons, most specific first. */
export function expectedSetMismatch(ex: Exchange, outcomes: readonly Outcome[], input?: CopySnapshotInput): string | undefined {
  if (outcomes.length === 0) return undefined;
  const reasons: string[] = [];
  for (const outcome of outcomes) {
    const why = mismatch(ex, outcome, input);
    if (why === undefined) return undefined;
    reasons.push(why);
  }
  return [...new Set(reasons)].join('; ');
}

export function describeOutcome(o: Outcome): string {
  if (o.status === 200) return '200';
  return [String(o.status), o.code ?? '(any code)', o.message ? `message:${o.message}` : ''].filter(Boolean).join(' ');
}

/** Redacted first, then cut: a cut secret would no longer be recognised. */
export function excerpt(text: string | undefined, max = 300): string {
  if (text === undefined) return '';
  return redactedExcerpt(text, max);
}

function sizeText(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}

/** `answer cut at 2 MiB (received ≥ N bytes)`: the read stopped at the cap, so more may have been on the way. */
export function readCapMessage(answer: { body: string; rawBytes: number; capBytes?: number }): string {
  const cap = answer.capBytes ?? Buffer.byteLength(answer.body, 'utf8');
  return `answer cut at ${sizeText(cap)} (received ≥ ${answer.rawBytes} bytes)`;
}

/** What came back, reduced for a report. */
export function actualOf(ex: Exchange): ActualAnswer {
  if (ex.transportError) return { problem: `${ex.transportError.kind}: ${ex.transportError.message}` };
  const p = ex.parsed;
  if (!p) return { problem: 'no answer' };
  const actual: ActualAnswer = { status: p.status };
  if (p.kind === 'error') {
    if (p.code !== undefined) actual.code = p.code;
    if (p.message !== undefined) actual.message = excerpt(p.message);
  } else if (p.kind === 'malformed') actual.problem = p.reason;
  if (ex.answer?.truncated) actual.problem = `${actual.problem ? `${actual.problem}; ` : ''}${readCapMessage(ex.answer)}`;
  return actual;
}
