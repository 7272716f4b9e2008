// `copysnapshot-conformance cleanup --endpoint URL --ledger FILE`: delete what a run created and
// nothing else (names from the ledger that carry a run prefix); safe to run twice.
import { UsageError } from '../harness/errors.js';
import { resolveConfig } from '../harness/config.js';
import { readLedger, Ledger } from '../harness/run/ledger.js';
import { cleanupOwned } from '../harness/run/fixtures.js';
import { namePrefixFor, type RunContext } from '../harness/run/context.js';
import { resolveTarget } from '../harness/transport/index.js';
import { configFromFlags, intFlag, parseFlags, targetOptions } from './args.js';

export async function cleanupCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...targetOptions, ledger: { type: 'string' }, 'wait-ms': { type: 'string' } }, 'cleanup');
  const file = values.ledger;
  if (typeof file !== 'string') throw new UsageError('cleanup: --ledger FILE is required (it is in the run\'s reports folder: ledger.jsonl)');
  const config = await resolveConfig({}, configFromFlags(values));
  if (!config.endpoint && !config.region && !process.env.AWS_ENDPOINT_URL_ELASTICACHE && !process.env.AWS_ENDPOINT_URL)
    throw new UsageError('cleanup: --endpoint URL (or --region with --allow-aws) is required');
  const { runIds, names } = readLedger(file);
  if (names.length === 0) {
    process.stdout.write(`cleanup: nothing to delete in ${file}\n`);
    return 0;
  }
  const target = await resolveTarget({ ...config });
  let left: string[] = [];
  let deleted = 0;
  try {
    for (const runId of runIds) {
      const prefix = namePrefixFor(runId);
      const ctx = { target, namePrefix: prefix, ledger: new Ledger(runId, file), signal: new AbortController().signal } as unknown as RunContext;
      const outcome = await cleanupOwned(ctx, names.filter((n) => n.startsWith(prefix)), intFlag(values, 'wait-ms', 0) ?? 10 * 60_000);
      deleted += outcome.deleted;
      left = left.concat(outcome.left);
    }
  } finally {
    await target.close();
  }
  process.stdout.write(`cleanup: deleted ${deleted}, already gone ${names.length - deleted - left.length}, left ${left.length}${left.length ? ` (${left.join(', ')})` : ''}\n`);
  return left.length ? 1 : 0;
}
