// The create ledger: an intent line is on disk before a create request is sent, so after a
// crash or SIGKILL `copysnapshot-conformance cleanup --ledger FILE` can finish the job.
// Names are kept exactly as sent: a case-preserving endpoint stores `csc-…-Ab` as `csc-…-Ab`.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { redact } from '../../protocol/redact.js';

export interface LedgerEntry {
  event: 'intent' | 'answer' | 'deleted';
  runId: string;
  /** the name the request was about (its first TargetSnapshotName) */
  name: string;
  /** every other name the same request could create (duplicate keys, aliases, case variants) */
  also?: string[];
  /** the SnapshotName the endpoint answered with, when it differs from `name` */
  stored?: string;
  at: string;
  status?: number;
}

/**
 * What the run knows of a name: `unknown` (sent, no answer yet or no readable one), `created`
 * (answered 200), `refused` (a 4xx: nothing was created unless the endpoint is broken).
 */
export type NameState = 'unknown' | 'created' | 'refused';

/** A ledger line is unreadable (not one of ours): the reader skips it and says how many. */
function entryOf(line: string): LedgerEntry | undefined {
  try {
    const entry = JSON.parse(line) as LedgerEntry;
    return typeof entry?.name === 'string' && typeof entry.runId === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

const namesOf = (entry: LedgerEntry) => [entry.name, ...(Array.isArray(entry.also) ? entry.also : []), ...(typeof entry.stored === 'string' ? [entry.stored] : [])];

/** Fold one entry into per-name state: the same rules for the live ledger and a file read back. */
function apply(states: Map<string, NameState>, entry: LedgerEntry): void {
  for (const name of namesOf(entry)) {
    const before = states.get(name);
    if (entry.event === 'intent') states.set(name, before === 'created' ? 'created' : 'unknown');
    else if (entry.event === 'deleted') states.delete(name);
    else if (entry.status === 200) states.set(name, 'created');
    else if (entry.status !== undefined && entry.status >= 400 && entry.status < 500 && before !== 'created') states.set(name, 'refused');
  }
}

export class Ledger {
  private readonly states = new Map<string, NameState>();
  /** the file, opened for appending on the first entry: one write per entry, no open and close each time */
  private fd: number | undefined;
  constructor(
    readonly runId: string,
    /** undefined: in memory only (the embedded mock dies with the process) */
    readonly file?: string,
  ) {
    if (file) mkdirSync(path.dirname(file), { recursive: true });
  }

  private record(entry: LedgerEntry): void {
    apply(this.states, entry);
    if (!this.file) return;
    this.fd ??= openSync(this.file, 'a');
    // synchronous: the intent line is in the file before the request that it announces is sent
    writeSync(this.fd, `${redact(JSON.stringify(entry))}\n`);
  }

  /** Close the file (entries after this open it again). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private entry(event: LedgerEntry['event'], names: readonly string[]): LedgerEntry {
    const [name, ...also] = names;
    const entry: LedgerEntry = { event, runId: this.runId, name: name!, at: new Date().toISOString() };
    if (also.length) entry.also = also;
    return entry;
  }

  /** Before sending a request that may create any of `names`. */
  intent(names: string | readonly string[]): void {
    const list = typeof names === 'string' ? [names] : names;
    if (list.length) this.record(this.entry('intent', list));
  }

  /** The answer to that request: its status and the name the endpoint says it stored. */
  answer(names: string | readonly string[], status: number | undefined, stored?: string): void {
    const list = typeof names === 'string' ? [names] : names;
    if (!list.length) return;
    const entry = this.entry('answer', list);
    if (status !== undefined) entry.status = status;
    if (stored !== undefined && !list.includes(stored)) entry.stored = stored;
    this.record(entry);
  }

  /** Confirmed gone (DescribeSnapshots no longer lists it). */
  deleted(name: string): void {
    this.record(this.entry('deleted', [name]));
  }

  /** Every name of this run not confirmed gone, with what is known of it. */
  known(): Map<string, NameState> {
    return new Map(this.states);
  }

  /** Names that may exist on the endpoint because of this run (refusals excluded). */
  pending(): string[] {
    return [...this.states].filter(([, s]) => s !== 'refused').map(([n]) => n);
  }
}

export class LedgerUnreadable extends Error {}

/** Read a ledger file back: per run, the names not confirmed gone and their state. */
export function readLedger(file: string): { runIds: string[]; names: Map<string, NameState>; unreadableLines: number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LedgerUnreadable(code === 'ENOENT' ? `no ledger at ${file}` : code === 'EISDIR' ? `${file} is a folder, not a ledger file` : `cannot read ${file} (${code ?? String(error)})`);
  }
  const names = new Map<string, NameState>();
  const runIds = new Set<string>();
  let unreadableLines = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    const entry = entryOf(line);
    if (!entry) {
      unreadableLines++;
      continue;
    }
    runIds.add(entry.runId);
    apply(names, entry);
  }
  if (lines > 0 && unreadableLines === lines) throw new LedgerUnreadable(`${file} is not a ledger (none of its ${lines} lines is a ledger entry)`);
  return { runIds: [...runIds], names, unreadableLines };
}
