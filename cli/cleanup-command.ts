// `copysnapshot-conformance cleanup --endpoint URL --ledger FILE`: delete what a run created and
// nothing else (names from the ledger that carry a run prefix); safe to run twice.
import { UsageError } from '../harness/errors.js';
import { resolveConfig } from '../harness/config.js';
import { readLedger, Ledger, LedgerUnreadable } from '../harness/run/ledger.js';
import { cleanupOwned } from '../harness/run/cleanup.js';
import { namePrefixFor, type RunContext } from '../harness/run/context.js';
import { resolveTarget } from '../harness/transport/index.js';
import { configFromFlags, intFlag, parseFlags, targetOptions } from './args.js';

/**
 * `--guard`: standard input is a pipe from the process that runs the suite. The word `closed` means the run
 * cleaned up after itself; `now` (it was interrupted), or the pipe closing without `closed` (the process died:
 * SIGKILL, out of memory, or a vitest pool that ends its worker threads without running any of their code), means
 * this process cleans up. Requests the dead run had in flight get `graceMs` to land before the listing.
 */
function guardVerdict(): Promise<'closed' | 'clean'> {
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    const settle = (verdict: 'closed' | 'clean') => {
      if (settled) return;
      settled = true;
      process.stdin.pause();
      resolve(verdict);
    };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      const words = text.split('\n');
      if (words.includes('closed')) settle('closed');
      else if (words.includes('now')) settle('clean');
    });
    process.stdin.on('end', () => settle('clean'));
    process.stdin.on('error', () => settle('clean'));
  });
}

export async function cleanupCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...targetOptions, ledger: { type: 'string' }, 'wait-ms': { type: 'string' }, guard: { type: 'boolean' }, 'grace-ms': { type: 'string' } }, 'cleanup');
  const file = values.ledger;
  if (typeof file !== 'string') throw new UsageError('cleanup: --ledger FILE is required (it is in the run\'s reports folder: ledger.jsonl)');
  const config = await resolveConfig({}, configFromFlags(values));
  if (!config.endpoint && !config.region && !process.env.AWS_ENDPOINT_URL_ELASTICACHE && !process.env.AWS_ENDPOINT_URL)
    throw new UsageError('cleanup: --endpoint URL (or --region with --allow-aws) is required');
  const graceMs = intFlag(values, 'grace-ms') ?? 1_000;
  if (values.guard === true) {
    if ((await guardVerdict()) === 'closed') return 0;
    await new Promise((resolve) => setTimeout(resolve, graceMs));
  }
  let read: ReturnType<typeof readLedger>;
  try {
    read = readLedger(file);
  } catch (error) {
    if (error instanceof LedgerUnreadable) throw new UsageError(`cleanup: ${error.message}`);
    throw error;
  }
  const { runIds, names } = read;
  if (read.unreadableLines) process.stderr.write(`cleanup: skipped ${read.unreadableLines} unreadable line(s) in ${file}\n`);
  if (runIds.length === 0) {
    process.stdout.write(`cleanup: nothing to delete in ${file}\n`);
    return 0;
  }
  const target = await resolveTarget({ ...config });
  const left: string[] = [];
  const problems: string[] = [];
  let deleted = 0;
  let gone = 0;
  try {
    // every run of the ledger is swept by its prefix, also when all its names are marked deleted:
    // a request may have created a name no line recorded
    for (const runId of runIds) {
      const prefix = namePrefixFor(runId);
      const ctx = { target, namePrefix: prefix, ledger: new Ledger(runId, file) } as unknown as RunContext;
      const mine = new Map([...names].filter(([n]) => n.toLowerCase().startsWith(prefix)));
      const outcome = await cleanupOwned(ctx, mine, intFlag(values, 'wait-ms', 0) ?? 10 * 60_000);
      deleted += outcome.deleted;
      gone += outcome.confirmedGone;
      left.push(...outcome.left);
      problems.push(...outcome.problems);
    }
  } finally {
    await target.close();
  }
  if (deleted === 0 && left.length === 0) {
    process.stdout.write(`cleanup: nothing to delete in ${file} (${gone} name(s) confirmed gone)\n`);
    return 0;
  }
  process.stdout.write(`cleanup: deleted ${deleted}, confirmed gone ${gone}, left ${left.length}${left.length ? ` (${left.join(', ')})` : ''}\n`);
  for (const problem of problems) process.stderr.write(`cleanup: ${problem}\n`);
  return left.length ? 1 : 0;
}
