import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromFlags, parseFlags, runOptions } from '../../cli/args.js';
import { loadConfigFile, resolveConfig } from '../../harness/config.js';
import { UsageError } from '../../harness/errors.js';
import { selectRules } from '../../harness/run/select.js';

const flags = (argv: string[]) => configFromFlags(parseFlags(argv, runOptions, 'run').values);

describe('flags', () => {
  it('parses target, fixture and run flags', () => {
    const c = flags(['--endpoint', 'http://127.0.0.1:1', '--source-snapshot', 's', '--bucket-fixture', 'no-write=b', '--num-runs', '7', '--strict']);
    expect(c.endpoint).toBe('http://127.0.0.1:1');
    expect(c.fixtures).toEqual({ sourceSnapshot: 's', buckets: { 'no-write': 'b' } });
    expect(c.numRuns).toBe(7);
    expect(c.strict).toBe(true);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--num-runs', '-1'], /--num-runs must be a whole number ≥ 1/],
    [['--timeout-ms', 'abc'], /--timeout-ms must be a whole number/],
    [['--bucket-fixture', 'nothing'], /CONDITION=BUCKET/],
    [['--source-snapshot', ''], /needs a value/],
    [['stray'], /unexpected argument/],
  ])('%j is a one-line usage error', (argv, message) => {
    let error: unknown;
    try {
      flags(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('config files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'csc-config-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('loads a .mjs config and lets flags override it', async () => {
    const file = write('ok.mjs', 'export default { numRuns: 3, seed: 9, fixtures: { sourceSnapshot: "a" } };');
    const resolved = await resolveConfig(await loadConfigFile(file), flags(['--num-runs', '5']));
    expect(resolved.numRuns).toBe(5);
    expect(resolved.seed).toBe(9);
    expect(resolved.fixtures.sourceSnapshot).toBe('a');
  });

  it('loads a .ts config', async () => {
    const file = write('conformance.config.ts', 'const n: number = 4;\nexport default { numRuns: n };\n');
    expect((await loadConfigFile(file)).numRuns).toBe(4);
  });

  it.each([
    ['throws.mjs', 'throw new Error("boom");', /failed to load: boom/],
    ['shape.mjs', 'export default 42;', /must export an object/],
    ['unknown.mjs', 'export default { numRunz: 1 };', /unknown option "numRunz"/],
    ['type.mjs', 'export default { numRuns: "many" };', /"numRuns" must be number/],
  ])('%s is a usage error', async (name, text, message) => {
    await expect(loadConfigFile(write(name, text))).rejects.toThrow(message);
    await expect(loadConfigFile(write(name, text))).rejects.toBeInstanceOf(UsageError);
  });

  it('reads --expect-failures and rejects a bad file', async () => {
    const good = write('known.json', JSON.stringify({ 'tags.max-50': 'not implemented yet' }));
    expect((await resolveConfig({}, { expectFailures: good })).expectFailures).toEqual({ 'tags.max-50': 'not implemented yet' });
    const bad = write('bad.json', '[1]');
    await expect(resolveConfig({}, { expectFailures: bad })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('rule selection', () => {
  it('takes IDs, families and globs, and rejects patterns that match nothing', () => {
    expect(selectRules(['tags.max-50'], [])).toEqual(['tags.max-50']);
    expect(selectRules(['tags'], []).every((id) => id.startsWith('tags.'))).toBe(true);
    expect(selectRules(['export.*'], ['export.no-read'])).not.toContain('export.no-read');
    expect(() => selectRules(['nope'], [])).toThrow(UsageError);
  });
});
