// Flag parsing shared by the subcommands: node's parseArgs in strict mode, every problem a UsageError.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BucketCondition, Fixtures } from '../specs/types.js';
import { intRanges, maxTimerMs, rangeText, type ConformanceConfig } from '../harness/config.js';
import { bucketConditions } from '../specs/messages.js';
import { UsageError } from '../harness/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags that choose the target and its fixtures (run, replay, plan, cleanup). */
export const targetOptions = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  handlers: { type: 'string' },
  'allow-aws': { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  'source-snapshot': { type: 'string' },
  'pending-snapshot': { type: 'string' },
  'export-bucket': { type: 'string' },
  'bucket-fixture': { type: 'string', multiple: true },
  'existing-export-target': { type: 'string' },
  'snapshot-quota': { type: 'string' },
  cluster: { type: 'string' },
  config: { type: 'string' },
} as const satisfies Options;

export const runOptions = {
  ...targetOptions,
  'num-runs': { type: 'string' },
  seed: { type: 'string' },
  rules: { type: 'string' },
  'skip-rules': { type: 'string' },
  strict: { type: 'boolean' },
  'expect-failures': { type: 'string' },
  concurrency: { type: 'string' },
  reports: { type: 'string' },
  'max-creates': { type: 'string' },
  har: { type: 'string' },
  evidence: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'in-process': { type: 'boolean' },
  shard: { type: 'string' },
  'no-guard': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** Parse argv against `options`; unknown flags, missing values and stray positionals become one-line usage errors. */
export function parseFlags(argv: string[], options: Options, command: string, positionals = 0): { values: ParsedValues; positionals: string[] } {
  // `--num-runs -1` would read as a missing value; keep it a value so the range check can speak
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  try {
    const parsed = parseArgs({ args: joined, options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals)
      throw new UsageError(`${command}: unexpected argument "${parsed.positionals[positionals]}" (see --help)`);
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error instanceof Error ? error.message.split('\n')[0] : String(error))?.replace(/^Unexpected argument '([^']*)'.*$/, 'unexpected argument "$1"');
    throw new UsageError(`${command}: ${message?.replace(/\. To specify.*$/, '')} (see --help)`);
  }
}

/** The allowed range of every whole-number flag (those of the config from harness/config.ts). */
export const flagRanges: Readonly<Record<string, { min: number; max: number }>> = {
  ...Object.fromEntries(Object.values(intRanges).map((r) => [r.flag, { min: r.min, max: r.max }])),
  'wait-ms': { min: 0, max: maxTimerMs },
  'grace-ms': { min: 0, max: maxTimerMs },
};

/**
 * A whole number from a flag (plain decimal digits: no `1e3`, `0x10`, `1.5` or empty value), within the flag's
 * range; `undefined` when absent. `min` and `max` override the range from `flagRanges`.
 */
export function intFlag(values: ParsedValues, name: string, min?: number, max?: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const known = Object.hasOwn(flagRanges, name) ? flagRanges[name] : undefined;
  const range = { min: min ?? known?.min ?? 0, max: max ?? known?.max ?? Number.MAX_SAFE_INTEGER };
  const text = String(raw).trim();
  const n = /^-?\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
    throw new UsageError(`--${name} must be a whole number ${rangeText(range)}, got ${JSON.stringify(String(raw))}`);
  return n;
}

function stringFlag(values: ParsedValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (text.trim() === '') throw new UsageError(`--${name} needs a value`);
  return text;
}

function listFlag(values: ParsedValues, name: string): string[] | undefined {
  const raw = stringFlag(values, name);
  return raw?.split(',').map((s) => s.trim()).filter(Boolean);
}

/** `--bucket-fixture outside-region=NAME` (repeatable) → fixtures.buckets. */
function bucketFixtures(values: ParsedValues): Partial<Record<BucketCondition, string>> | undefined {
  const raw = values['bucket-fixture'];
  if (raw === undefined) return undefined;
  const out: Partial<Record<BucketCondition, string>> = {};
  for (const entry of raw as string[]) {
    const at = entry.indexOf('=');
    const condition = at < 0 ? '' : entry.slice(0, at).trim();
    const name = at < 0 ? '' : entry.slice(at + 1).trim();
    if (!condition || !name) throw new UsageError(`--bucket-fixture takes CONDITION=BUCKET, got "${entry}"`);
    // checked before the assignment: `__proto__=b` on a plain object would vanish without a word
    if (!bucketConditions.includes(condition as BucketCondition))
      throw new UsageError(`--bucket-fixture: unknown bucket condition "${condition}" (known: ${bucketConditions.join(', ')})`);
    out[condition as BucketCondition] = name;
  }
  return out;
}

export function fixturesFromFlags(values: ParsedValues): Fixtures {
  const fixtures: Fixtures = {};
  const set = <K extends keyof Fixtures>(key: K, value: Fixtures[K] | undefined) => {
    if (value !== undefined) fixtures[key] = value;
  };
  set('sourceSnapshot', stringFlag(values, 'source-snapshot'));
  set('pendingSnapshot', stringFlag(values, 'pending-snapshot'));
  set('exportBucket', stringFlag(values, 'export-bucket'));
  set('buckets', bucketFixtures(values));
  set('existingExportTarget', stringFlag(values, 'existing-export-target'));
  set('snapshotQuota', intFlag(values, 'snapshot-quota'));
  set('cluster', stringFlag(values, 'cluster'));
  return fixtures;
}

/** The ConformanceConfig that the flags state (absent flags stay undefined so the file can fill them). */
export function configFromFlags(values: ParsedValues): ConformanceConfig {
  const c: ConformanceConfig = {
    endpoint: stringFlag(values, 'endpoint'),
    region: stringFlag(values, 'region'),
    handlers: stringFlag(values, 'handlers'),
    fixtures: fixturesFromFlags(values),
    numRuns: intFlag(values, 'num-runs'),
    seed: intFlag(values, 'seed'),
    rules: listFlag(values, 'rules'),
    skipRules: listFlag(values, 'skip-rules'),
    strict: values.strict === true ? true : undefined,
    expectFailures: stringFlag(values, 'expect-failures'),
    timeoutMs: intFlag(values, 'timeout-ms'),
    concurrency: intFlag(values, 'concurrency'),
    reports: stringFlag(values, 'reports'),
    allowAws: values['allow-aws'] === true ? true : undefined,
    maxCreates: intFlag(values, 'max-creates'),
    har: stringFlag(values, 'har'),
  };
  return c;
}
