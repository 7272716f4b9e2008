// A request corpus, one JSON object per line (the `generate` command, cli/generate-command.ts).
// Same seed → same corpus, byte for byte. Valid target names are unique in the corpus
// (case-insensitively) and never a fixture's, so a corpus replays in order against a fresh endpoint
// that holds just the fixtures.
import fc from 'fast-check';
import { isRuleId, ruleById } from '../specs/rules.js';
import type { Fixtures, Grade, Outcome } from '../specs/types.js';
import { encodeCopySnapshotBody } from '../protocol/form-encode.js';
import { caseOf, invalidCopyRequest, validCopyRequest, type GeneratorContext } from './requests.js';
import { wireCases } from './wire.js';
import { tagTargets } from './target-names.js';
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
    // number the case's owned target names (input and precreate alike, so a case variant still collides)
    const n = tagTargets(c, corpusPrefix, `${options.kind[0]}${i}`);
    if (n.precreate) out.push(lineOf(caseOf('valid', ctx, n.precreate)));
    out.push(lineOf(n));
  });
  return out;
}
