// What a person watching the run sees on stderr. On a terminal: one live progress line rewritten in place
// (`31/57 rules · 12.3 s`), colour, and after the run every rule's line again, grouped by verdict with failures
// first, so the lines that matter are the last thing on screen. Not on a terminal (CI logs, pipes, tests): one plain
// line per rule as it finishes, exactly `ruleLine`, no escape codes, so logs stay greppable and stable.
import { ruleLine } from '../harness/format.js';
import { redact } from '../protocol/redact.js';
import type { RuleResult, Verdict } from '../harness/result.js';
import { verdictLabel, verdictOrder } from '../reports/text.js';

/** Where the console writes: stderr in the CLI, a buffer in tests (which can claim to be a TTY). */
export interface Terminal {
  readonly isTTY: boolean;
  /** one whole line (a newline is added) */
  line(text: string): void;
  /** raw bytes, for rewriting the progress line in place */
  raw(text: string): void;
  /** the terminal's width, for cutting the progress line (a wrapped line can no longer be rewritten) */
  columns(): number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function stderrTerminal(): Terminal {
  return {
    isTTY: Boolean(process.stderr.isTTY),
    line: (text) => process.stderr.write(`${text}\n`),
    raw: (text) => process.stderr.write(text),
    columns: () => process.stderr.columns || 100,
    env: process.env,
  };
}

/**
 * Colour only on a terminal, ever (a log file full of escape codes helps nobody). There, the NO_COLOR convention
 * (set and not empty: no colour) and FORCE_COLOR (0/false: none; any other value: colour even where NO_COLOR or
 * TERM=dumb says otherwise, as Node's own tty module decides) apply.
 */
export function useColour(term: Pick<Terminal, 'isTTY' | 'env'>): boolean {
  if (!term.isTTY) return false;
  const force = term.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (term.env.NO_COLOR) return false;
  return term.env.TERM !== 'dumb';
}

const sgr: Record<Verdict, string> = {
  fail: '1;31',
  inconclusive: '35',
  warn: '33',
  'known-deviation': '36',
  skip: '2',
  pass: '32',
};

export type Paint = (verdict: Verdict, text: string) => string;
export const paintWith = (colour: boolean): Paint => (colour ? (v, text) => `\x1b[${sgr[v]}m${text}\x1b[0m` : (_v, text) => text);

/** `ruleLine` with its verdict mark painted; the text is the same characters as the plain line. */
export function paintedRuleLine(r: RuleResult, paint: Paint): string {
  const line = redact(ruleLine(r));
  const mark = /^\S+/.exec(line)?.[0] ?? '';
  return paint(r.verdict, mark) + line.slice(mark.length);
}

/** Every rule's line, grouped by verdict (fail, inconclusive, warn, known deviation, skip, pass), in run order within. */
export function groupedRuleLines(results: readonly RuleResult[], paint: Paint): string[] {
  const out: string[] = [];
  for (const verdict of verdictOrder) {
    const group = results.filter((r) => r.verdict === verdict);
    if (!group.length) continue;
    out.push(paint(verdict, `${verdictLabel[verdict]} (${group.length})`));
    for (const r of group) out.push(`  ${paintedRuleLine(r, paint)}`);
  }
  return out;
}

export const secondsText = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** The progress line's text: `31/57 rules · 12.3 s`, then what has gone wrong so far and the rule last finished. */
export function progressText(p: { done: number; total?: number; elapsedMs: number; failed: number; last?: string }): string {
  if (p.total === undefined) return `preflight · ${secondsText(p.elapsedMs)}`;
  const parts = [`${p.done}/${p.total} rules`, secondsText(p.elapsedMs)];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.last) parts.push(p.last);
  return parts.join(' · ');
}

/** Cut to the terminal's width (in code points; the progress text is plain before it is painted). */
export function fit(text: string, columns: number): string {
  const chars = [...text];
  return chars.length < columns ? text : `${chars.slice(0, Math.max(1, columns - 2)).join('')}…`;
}

/**
 * A live line at the bottom of a terminal, redrawn on a timer so the clock moves while a slow rule runs; lines
 * printed through it appear above it. On anything but a TTY it draws nothing and lines pass straight through.
 */
export class LiveLine {
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;
  constructor(
    private readonly term: Terminal,
    private readonly render: () => string,
    private readonly tickMs = 200,
  ) {}

  start(): void {
    if (!this.term.isTTY || this.timer) return;
    this.draw();
    // unref: a forgotten line never keeps the process alive
    this.timer = setInterval(() => this.draw(), this.tickMs);
    this.timer.unref();
  }

  draw(): void {
    if (!this.term.isTTY) return;
    this.term.raw(`\r\x1b[2K${this.render()}`);
    this.drawn = true;
  }

  /** A whole line above the live one. */
  line(text: string): void {
    if (this.drawn) this.term.raw('\r\x1b[2K');
    this.term.line(text);
    this.drawn = false;
    if (this.timer) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.term.raw('\r\x1b[2K');
    this.drawn = false;
  }
}

/** The `run` command's console: progress while rules finish, then (on a TTY) every rule grouped by verdict. */
export class RunConsole {
  private readonly results: RuleResult[] = [];
  private total: number | undefined;
  private readonly started: number;
  private readonly live: LiveLine;
  readonly paint: Paint;

  constructor(
    private readonly term: Terminal,
    private readonly options: { quiet?: boolean; now?: () => number } = {},
  ) {
    this.started = this.now();
    this.paint = paintWith(useColour(term));
    this.live = new LiveLine(term, () => this.progressLine());
  }

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  private get quiet(): boolean {
    return this.options.quiet === true;
  }

  progressLine(): string {
    const failed = this.results.filter((r) => r.verdict === 'fail').length;
    const last = this.results.at(-1)?.id;
    const text = fit(progressText({ done: this.results.length, elapsedMs: this.now() - this.started, failed, ...(this.total !== undefined ? { total: this.total } : {}), ...(last ? { last } : {}) }), this.term.columns());
    // paint after cutting, so escape codes never count against the width
    return failed ? text.replace(`${failed} failed`, this.paint('fail', `${failed} failed`)) : text;
  }

  start(): void {
    if (!this.quiet) this.live.start();
  }

  /** The run's rule list is known (after the preflight). */
  setTotal(total: number): void {
    this.total = total;
    if (!this.quiet) this.live.draw();
  }

  rule(r: RuleResult): void {
    this.results.push(r);
    if (this.quiet) return;
    // not a TTY: the plain line as it always was (tests and CI logs parse it)
    if (!this.term.isTTY) this.term.line(ruleLine(r));
    else this.live.draw();
  }

  /** A message during the run (the preflight's verdict), above the progress line. */
  line(text: string): void {
    if (this.term.isTTY) this.live.line(text);
    else this.term.line(text);
  }

  /** A failure block with its first line (the rule, or the shared root cause) painted; unchanged without colour. */
  block(text: string): string {
    const nl = text.indexOf('\n');
    const head = nl < 0 ? text : text.slice(0, nl);
    return this.paint('fail', head) + (nl < 0 ? '' : text.slice(nl));
  }

  /** The run is over: clear the progress line and, on a TTY, print every rule grouped by verdict, failures first. */
  finish(results: readonly RuleResult[] = this.results): void {
    this.live.stop();
    if (this.quiet || !this.term.isTTY) return;
    for (const line of groupedRuleLines(results, this.paint)) this.term.line(line);
  }
}

/**
 * Time left for `total` steps of which `done` took `elapsedMs`: the mean step so far times the steps left, less
 * what the current step has already run. Undefined until one step is done (no basis for a guess).
 */
export function timeLeftMs(p: { done: number; total: number; elapsedMs: number; sinceLastStepMs: number }): number | undefined {
  if (p.done === 0) return undefined;
  if (p.done >= p.total) return 0;
  const perStep = (p.elapsedMs - p.sinceLastStepMs) / p.done;
  return Math.max(0, perStep * (p.total - p.done) - p.sinceLastStepMs);
}

const leftText = (leftMs: number | undefined): string => (leftMs === undefined ? 'estimating time left' : `~${Math.ceil(leftMs / 1000)} s left`);

export function stepProgressText(p: { label: string; done: number; total: number; elapsedMs: number; leftMs: number | undefined }): string {
  return `${p.label} ${p.done}/${p.total} · ${secondsText(p.elapsedMs)} · ${leftText(p.leftMs)}`;
}

/**
 * Progress of a command made of a known number of long steps (selftest: the pristine mock, then each planted bug).
 * A TTY gets a live line with the estimate; anything else gets each step's line with `(3/24, ~40 s left)` after it.
 */
export class StepConsole {
  private done = 0;
  private readonly started: number;
  private lastStepAt: number;
  private readonly live: LiveLine;
  private readonly paint: Paint;

  constructor(
    private readonly term: Terminal,
    private readonly options: { label: string; total: number; now?: () => number },
  ) {
    this.started = this.lastStepAt = this.now();
    this.paint = paintWith(useColour(term));
    this.live = new LiveLine(term, () => fit(this.progressLine(), term.columns()));
  }

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  private leftMs(at: number): number | undefined {
    return timeLeftMs({ done: this.done, total: this.options.total, elapsedMs: at - this.started, sinceLastStepMs: at - this.lastStepAt });
  }

  progressLine(): string {
    const at = this.now();
    return stepProgressText({ label: this.options.label, done: this.done, total: this.options.total, elapsedMs: at - this.started, leftMs: this.leftMs(at) });
  }

  start(): void {
    this.live.start();
  }

  /** One step is done; `line` says how it went (`killed …`, `SURVIVED …`), painted by its first word. */
  step(line: string, verdict?: Verdict): void {
    this.done++;
    this.lastStepAt = this.now();
    if (this.term.isTTY) this.live.line(verdict ? this.paint(verdict, line) : line);
    else this.term.line(`${line} (${this.done}/${this.options.total}, ${leftText(this.leftMs(this.lastStepAt))})`);
  }

  finish(): void {
    this.live.stop();
  }
}
