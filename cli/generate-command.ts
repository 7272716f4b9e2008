// `copysnapshot-conformance generate --kind valid|invalid|wire|all --count N --seed S --source-snapshot NAME`:
// a request corpus (generators/corpus.ts), one JSON object per line.
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusKind } from '../generators/corpus.js';
import type { Fixtures } from '../specs/types.js';

const usage =
  'Usage: copysnapshot-conformance generate --kind valid|invalid|wire|all --count N --seed S --source-snapshot NAME [--pending-snapshot NAME] [--export-bucket NAME]';

/** The `generate` command: one JSON object per line on `out`; bad flags → one line on stderr, exit 2. */
export async function generateCommand(argv: string[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`copysnapshot-conformance generate: ${message}\n`);
    return 2;
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        kind: { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        'source-snapshot': { type: 'string' },
        'pending-snapshot': { type: 'string' },
        'export-bucket': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail(`${String((error as Error).message).split('\n')[0]} (see --help)`);
  }
  if (values.help) {
    out(usage);
    return 0;
  }
  const kind = String(values.kind ?? 'all');
  if (!['valid', 'invalid', 'wire', 'all'].includes(kind)) return fail(`--kind must be valid, invalid, wire or all, got "${kind}"`);
  const whole = (raw: string | boolean | undefined, fallback: number) => (raw === undefined ? fallback : /^\d{1,15}$/.test(String(raw)) ? Number(raw) : NaN);
  const count = whole(values.count, 100);
  const seed = whole(values.seed, 0);
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) return fail(`--count must be a whole number from 1 to 1000000, got "${values.count}"`);
  if (!Number.isSafeInteger(seed) || seed > 0x7fffffff) return fail(`--seed must be a whole number from 0 to 2147483647, got "${values.seed}"`);
  const source = values['source-snapshot'];
  if (typeof source !== 'string' || source === '') return fail('--source-snapshot NAME is required');
  const fixtures: Fixtures = { sourceSnapshot: source };
  for (const [flag, key] of [['pending-snapshot', 'pendingSnapshot'], ['export-bucket', 'exportBucket']] as const) {
    const value = values[flag];
    if (value === '') return fail(`--${flag} needs a NAME`);
    if (typeof value === 'string') fixtures[key] = value;
  }
  if (fixtures.pendingSnapshot?.toLowerCase() === source.toLowerCase()) return fail('--pending-snapshot must differ from --source-snapshot');
  for (const line of generateCorpus({ kind: kind as CorpusKind, count, seed, fixtures })) out(JSON.stringify(line));
  return 0;
}
