// The create ledger: an intent line is on disk before a create request is sent, so after a
// crash or SIGKILL `copysnapshot-conformance cleanup --ledger FILE` can finish the job.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { redact } from '../redact.js';

export interface LedgerEntry {
  event: 'intent' | 'answer' | 'deleted';
  runId: string;
  name: string;
  at: string;
  status?: number;
}

export class Ledger {
  private readonly names = new Set<string>();
  constructor(
    readonly runId: string,
    /** undefined: in memory only (the embedded mock dies with the process) */
    readonly file?: string,
  ) {
    if (file) mkdirSync(path.dirname(file), { recursive: true });
  }

  private write(entry: LedgerEntry): void {
    if (this.file) appendFileSync(this.file, `${redact(JSON.stringify(entry))}\n`);
  }

  intent(name: string): void {
    this.names.add(name.toLowerCase());
    this.write({ event: 'intent', runId: this.runId, name, at: new Date().toISOString() });
  }

  answer(name: string, status: number | undefined): void {
    const entry: LedgerEntry = { event: 'answer', runId: this.runId, name, at: new Date().toISOString() };
    if (status !== undefined) entry.status = status;
    this.write(entry);
  }

  deleted(name: string): void {
    this.names.delete(name.toLowerCase());
    this.write({ event: 'deleted', runId: this.runId, name, at: new Date().toISOString() });
  }

  /** Names that may exist on the endpoint because of this run. */
  pending(): string[] {
    return [...this.names];
  }
}

/** Read a ledger file: names with an intent and no later `deleted`, per run. Bad lines are skipped. */
export function readLedger(file: string): { runIds: string[]; names: string[] } {
  if (!existsSync(file)) return { runIds: [], names: [] };
  const names = new Map<string, string>();
  const runIds = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let entry: LedgerEntry;
    try {
      entry = JSON.parse(line) as LedgerEntry;
    } catch {
      continue;
    }
    if (typeof entry.name !== 'string' || typeof entry.runId !== 'string') continue;
    runIds.add(entry.runId);
    if (entry.event === 'intent') names.set(entry.name.toLowerCase(), entry.runId);
    if (entry.event === 'deleted') names.delete(entry.name.toLowerCase());
  }
  return { runIds: [...runIds], names: [...names.keys()] };
}
