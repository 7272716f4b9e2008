// A request corpus, one JSON object per line: `copysnapshot-conformance generate`.
// Same seed → same corpus, byte for byte. Valid target names are unique in the corpus
// (case-insensitively) and never a fixture's, so a corpus replays in order against a fresh endpoint
// that holds just the fixtures.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { isRuleId, ruleById } from '../specs/rules.js';
import type { Fixtures, Grade, Outcome } from '../specs/types.js';
import { encodeCopySnapshotBody } from '../protocol/form-encode.js';
import { caseOf, invalidCopyRequest, validCopyRequest, type GeneratorContext } from './requests.js';
import { wireCases } from './wire.js';
import type { Case, CaseLabel } from './types.js';

export type CorpusKind = 'valid' | 'invalid' | 'wire' | 'all';

export interface CorpusLine {
  /** the rule the line exercises, or `valid` */
  rule: CaseLabel;
  grade: Grade;
  /** only when not POST */
  method?: string;
  /** the query string of a GET */
  query?: string;
  /** the body exactly as sent (a CopySnapshot body starts `Action=CopySnapshot&Version=2015-02-02`) */
  body: string;
  /** acceptable outcomes: one of these */
  expect: Outcome[];
}

export interface CorpusOptions {
  kind: CorpusKind;
  count: number;
  seed: number;
  fixtures: Fixtures;
}

/** Every name a corpus creates starts with this, then `<kind initial><line number>-`. */
export const corpusPrefix = 'csc-corpus-';
const decoder = new TextDecoder();

function lineOf(c: Case): CorpusLine {
  const rule = isRuleId(c.rule) ? ruleById(c.rule) : undefined;
  const out: CorpusLine = {
    rule: c.rule,
    grade: rule?.grade ?? 'documented',
    body: c.wire ? (typeof c.wire.body === 'string' ? c.wire.body : decoder.decode(c.wire.body)) : encodeCopySnapshotBody(c.input ?? {}),
    expect: c.expect.map((o) => ({ ...o })),
  };
  if (c.wire && c.wire.method !== 'POST') out.method = c.wire.method;
  if (c.wire?.query !== undefined) out.query = c.wire.query;
  return out;
}

/** Number the case's owned target names (input and precreate alike, so a case variant still collides). */
function numbered(c: Case, tag: string): Case {
  const rename = <T extends string | undefined>(name: T): T => (name !== undefined && name.startsWith(corpusPrefix) ? (`${corpusPrefix}${tag}-${name.slice(corpusPrefix.length)}` as T) : name);
  const out: Case = { ...c };
  if (c.input?.TargetSnapshotName !== undefined) out.input = { ...c.input, TargetSnapshotName: rename(c.input.TargetSnapshotName) };
  if (c.precreate?.TargetSnapshotName !== undefined) out.precreate = { ...c.precreate, TargetSnapshotName: rename(c.precreate.TargetSnapshotName) };
  return out;
}

function corpusArbitrary(kind: CorpusKind, ctx: GeneratorContext): fc.Arbitrary<Case> {
  const valid = validCopyRequest(ctx).map((input) => caseOf('valid', ctx, input));
  const invalid = invalidCopyRequest(ctx, { withPrecreate: true });
  const wire = fc.oneof(...Object.values(wireCases(ctx)));
  if (kind === 'valid') return valid;
  if (kind === 'invalid') return invalid;
  if (kind === 'wire') return wire;
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 4, arbitrary: invalid }, { weight: 1, arbitrary: wire });
}

/** `count` cases (plus the valid copy each uniqueness case needs first, on the line before it). */
export function generateCorpus(options: CorpusOptions): CorpusLine[] {
  const ctx: GeneratorContext = { fixtures: options.fixtures, prefix: corpusPrefix };
  const out: CorpusLine[] = [];
  fc.sample(corpusArbitrary(options.kind, ctx), { seed: options.seed, numRuns: options.count }).forEach((c, i) => {
    const n = numbered(c, `${options.kind[0]}${i}`);
    if (n.precreate) out.push(lineOf(caseOf('valid', ctx, n.precreate)));
    out.push(lineOf(n));
  });
  return out;
}

const usage =
  'Usage: copysnapshot-conformance generate --kind valid|invalid|wire|all --count N --seed S --source-snapshot NAME [--pending-snapshot NAME] [--export-bucket NAME]';

/** The `generate` command: one JSON object per line on `out`; bad flags → one line on stderr, exit 2. */
export async function runGenerateCommand(argv: string[], out: (line: string) => void): Promise<number> {
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
