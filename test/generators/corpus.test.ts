// The corpus and the `generate` command: deterministic per seed, unique valid targets, SDK-sendable
// kinds only where asked, enough rules and tag counts, and agreement with a fresh reference mock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusPrefix, generateCorpus, type CorpusLine } from '../../generators/corpus.js';
import { generateCommand } from '../../cli/generate-command.js';
import { createReferenceMock, referenceFixtures } from '../../mock/index.js';
import { ruleById, type RuleId } from '../../specs/rules.js';
import { agrees, sendRaw } from './mock-driver.js';

const fixtures = { sourceSnapshot: referenceFixtures.sourceSnapshot!, pendingSnapshot: referenceFixtures.pendingSnapshot! };
const targetOf = (l: CorpusLine) => new URLSearchParams(l.body).get('TargetSnapshotName');

async function generated(argv: string[]): Promise<{ code: number; lines: string[]; stderr: string }> {
  const lines: string[] = [];
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await generateCommand(argv, (l) => lines.push(l)), lines, stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('generateCorpus', () => {
  it('is the same for the same seed, byte for byte, and differs for another seed', () => {
    const a = generateCorpus({ kind: 'all', count: 200, seed: 9, fixtures });
    expect(JSON.stringify(generateCorpus({ kind: 'all', count: 200, seed: 9, fixtures }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateCorpus({ kind: 'all', count: 200, seed: 10, fixtures }))).not.toBe(JSON.stringify(a));
  });

  it('gives every valid line a target unique in the corpus (case-insensitively) and unlike any fixture', () => {
    const lines = generateCorpus({ kind: 'all', count: 400, seed: 3, fixtures }).filter((l) => l.rule === 'valid');
    const names = lines.map((l) => targetOf(l)!.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith(corpusPrefix))).toBe(true);
    expect(names).not.toContain(fixtures.sourceSnapshot);
  });

  it('--kind valid and invalid are SDK-sendable CopySnapshot bodies; wire has the rest', () => {
    for (const kind of ['valid', 'invalid'] as const)
      for (const l of generateCorpus({ kind, count: 150, seed: 4, fixtures })) {
        expect(l.body.startsWith('Action=CopySnapshot&Version=2015-02-02'), l.body.slice(0, 80)).toBe(true);
        expect(l.method).toBeUndefined();
        expect(l.rule === 'valid' || !l.rule.startsWith('wire.')).toBe(true);
      }
    const wire = generateCorpus({ kind: 'wire', count: 100, seed: 4, fixtures });
    expect(wire.every((l) => l.rule.startsWith('wire.') || l.rule === 'envelope.unknown-action')).toBe(true);
    expect(wire.some((l) => l.method === 'GET' && l.query?.startsWith('Action=CopySnapshot&Version=2015-02-02'))).toBe(true);
  });

  it('100 valid + 300 invalid lines cover ≥ 10 rules and 0, 50 and 51 tags, and agree line by line with a fresh reference mock', async () => {
    const lines = [...generateCorpus({ kind: 'valid', count: 100, seed: 10, fixtures }), ...generateCorpus({ kind: 'invalid', count: 300, seed: 11, fixtures })];
    const mock = createReferenceMock({ settleMs: 0 });
    const rules = new Set<string>();
    const tagCounts = new Set<number>();
    for (const l of lines) {
      rules.add(l.rule);
      if (l.rule !== 'valid') expect(l.grade).toBe(ruleById(l.rule as RuleId).grade);
      tagCounts.add([...new URLSearchParams(l.body).keys()].filter((k) => /^Tags\.Tag\.\d+\.Key$/.test(k)).length);
      const a = await sendRaw(mock, { method: l.method ?? 'POST', body: l.body, ...(l.query !== undefined ? { query: l.query } : {}) });
      expect(agrees(a, l.expect), `${l.rule}: ${l.body.slice(0, 200)} → ${a.body.slice(0, 300)}`).toBe(true);
    }
    console.log(`corpus: ${lines.length} lines, ${rules.size} rules:`, [...rules].sort().join(' '));
    expect(rules.size).toBeGreaterThanOrEqual(10);
    for (const n of [0, 50, 51]) expect(tagCounts, `${n} tags`).toContain(n);
  });

  it('an "all" corpus with wire lines replays against a fresh mock too', async () => {
    const mock = createReferenceMock({ settleMs: 0 });
    for (const l of generateCorpus({ kind: 'all', count: 150, seed: 12, fixtures })) {
      const a = await sendRaw(mock, { method: l.method ?? 'POST', body: l.body, ...(l.query !== undefined ? { query: l.query } : {}) });
      expect(agrees(a, l.expect), `${l.rule}: ${l.body.slice(0, 200)} → ${a.body.slice(0, 300)}`).toBe(true);
    }
  });
});

describe('generateCommand', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON object per line, the same for the same flags', async () => {
    const argv = ['--kind', 'valid', '--count', '5', '--seed', '7', '--source-snapshot', 'S', '--pending-snapshot', 'P'];
    const first = await generated(argv);
    expect(first.code).toBe(0);
    expect(first.lines).toHaveLength(5);
    for (const l of first.lines) expect(JSON.parse(l)).toMatchObject({ rule: 'valid', expect: [{ status: 200 }] });
    expect((await generated(argv)).lines).toEqual(first.lines);
  });

  it.each([
    [['--kind', 'nope', '--source-snapshot', 'S'], /--kind/],
    [['--count', 'x', '--source-snapshot', 'S'], /--count/],
    [['--count', '0', '--source-snapshot', 'S'], /--count/],
    [['--seed', '-1', '--source-snapshot', 'S'], /--seed|argument/],
    [['--kind', 'valid'], /--source-snapshot/],
    [['--source-snapshot', 'S', '--bogus'], /bogus/],
    [['--source-snapshot', 'S', 'extra'], /extra|positional/i],
    [['--source-snapshot', 'S', '--pending-snapshot', 's'], /differ/],
  ])('refuses %j with one line on stderr and exit 2', async (argv, why) => {
    const r = await generated(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
