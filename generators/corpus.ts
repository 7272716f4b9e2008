// A request corpus, one JSON object per line: `copysnapshot-conformance generate`.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { contract } from '../specs/contract.js';
import type { Fixtures, Outcome } from '../specs/types.js';
import { encodeCopySnapshotBody } from './form.js';
import { caseOf, invalidCopyRequest, ruleArbitraries, validCopyRequest, type GeneratorContext } from './requests.js';
import type { Case } from './types.js';

export type CorpusKind = 'valid' | 'invalid' | 'wire' | 'all';

export interface CorpusLine {
  rule: string;
  grade: string;
  method?: string;
  query?: string;
  body: string;
  expect: { status: number | '4xx'; code?: string; message?: string }[];
}

const prefix = 'csc-corpus-';
const decoder = new TextDecoder();

function line(c: Case): CorpusLine {
  const rule = contract.rules.get(c.rule);
  const out: CorpusLine = {
    rule: c.rule,
    grade: rule?.grade ?? 'documented',
    body: c.wire ? (typeof c.wire.body === 'string' ? c.wire.body : decoder.decode(c.wire.body)) : encodeCopySnapshotBody(c.input ?? {}),
    expect: c.expect.map((o: Outcome) => ({ ...o })),
  };
  if (c.wire && c.wire.method !== 'POST') out.method = c.wire.method;
  if (c.wire?.query !== undefined) out.query = c.wire.query;
  return out;
}

/** Make every owned target name unique in the corpus (case-insensitively) by numbering it. */
function numbered(c: Case, n: number): Case {
  const rename = (name: string | undefined) => (name !== undefined && name.startsWith(prefix) ? `${prefix}${n}-${name.slice(prefix.length)}` : name);
  const out: Case = { ...c };
  if (c.input) out.input = { ...c.input, ...(c.input.TargetSnapshotName !== undefined ? { TargetSnapshotName: rename(c.input.TargetSnapshotName)! } : {}) };
  if (c.precreate) out.precreate = { ...c.precreate, TargetSnapshotName: rename(c.precreate.TargetSnapshotName)! };
  return out;
}

export function generateCorpus(options: { kind: CorpusKind; count: number; seed: number; fixtures: Fixtures }): CorpusLine[] {
  const ctx: GeneratorContext = { fixtures: options.fixtures, prefix };
  const byRule = ruleArbitraries(ctx);
  const valid = validCopyRequest(ctx).map((input) => caseOf('valid', ctx, input));
  const wire = fc.oneof(...Object.entries(byRule).filter(([id]) => id.startsWith('wire.')).map(([, a]) => a));
  const arb =
    options.kind === 'valid' ? valid : options.kind === 'invalid' ? invalidCopyRequest(ctx) : options.kind === 'wire' ? wire : fc.oneof(valid, invalidCopyRequest(ctx), wire);
  const out: CorpusLine[] = [];
  fc.sample(arb, { seed: options.seed, numRuns: options.count }).forEach((c, i) => {
    const n = numbered(c, i);
    if (n.precreate) out.push(line(caseOf('valid', ctx, n.precreate)));
    out.push(line(n));
  });
  return out;
}

export async function runGenerateCommand(argv: string[], write: (line: string) => void): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`copysnapshot-conformance generate: ${message}\n`);
    return 2;
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { kind: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' }, 'source-snapshot': { type: 'string' }, 'pending-snapshot': { type: 'string' }, 'export-bucket': { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    return fail(`${String((error as Error).message).split('\n')[0]} (see --help)`);
  }
  if (values.help) {
    write('Usage: copysnapshot-conformance generate --kind valid|invalid|wire|all --count N --seed S --source-snapshot NAME [--pending-snapshot NAME] [--export-bucket NAME]');
    return 0;
  }
  const kind = (values.kind ?? 'all') as string;
  if (!['valid', 'invalid', 'wire', 'all'].includes(kind)) return fail(`--kind must be valid, invalid, wire or all, got "${kind}"`);
  const whole = (name: string, fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    return /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
  };
  const count = whole('count', 100);
  const seed = whole('seed', 0);
  if (!Number.isSafeInteger(count) || count < 1) return fail(`--count must be a whole number ≥ 1, got "${values.count}"`);
  if (!Number.isSafeInteger(seed)) return fail(`--seed must be a whole number, got "${values.seed}"`);
  const source = values['source-snapshot'];
  if (typeof source !== 'string' || source === '') return fail('--source-snapshot NAME is required');
  const fixtures: Fixtures = { sourceSnapshot: source };
  if (typeof values['pending-snapshot'] === 'string') fixtures.pendingSnapshot = values['pending-snapshot'];
  if (typeof values['export-bucket'] === 'string') fixtures.exportBucket = values['export-bucket'];
  for (const l of generateCorpus({ kind: kind as CorpusKind, count, seed, fixtures })) write(JSON.stringify(l));
  return 0;
}
