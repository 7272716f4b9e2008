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
    [['--num-runs', '-1'], /--num-runs must be a whole number from 1 to 1000000, got "-1"/],
    [['--timeout-ms', 'abc'], /--timeout-ms must be a whole number/],
    [['--bucket-fixture', 'nothing'], /CONDITION=BUCKET/],
    [['--source-snapshot', ''], /needs a value/],
    [['stray'], /unexpected argument/],
    [['--timeout-ms', '2147483648'], /--timeout-ms must be a whole number from 1 to 2147483647, got "2147483648"/],
    [['--timeout-ms', '1e3'], /--timeout-ms must be a whole number from 1 to 2147483647/],
    [['--timeout-ms', '0x10'], /--timeout-ms must be a whole number from 1 to 2147483647/],
    [['--timeout-ms', '1.5'], /--timeout-ms must be a whole number from 1 to 2147483647/],
    [['--timeout-ms', ''], /--timeout-ms must be a whole number from 1 to 2147483647, got ""/],
    [['--timeout-ms', '0'], /--timeout-ms must be a whole number from 1/],
    [['--num-runs', '0'], /--num-runs must be a whole number from 1 to 1000000/],
    [['--seed', '-1'], /--seed must be a whole number from 0 to 2147483647/],
    [['--seed', '2147483648'], /--seed must be a whole number from 0 to 2147483647/],
    [['--concurrency', '0'], /--concurrency must be a whole number from 1 to 1024/],
    [['--max-creates', '-1'], /--max-creates must be a whole number from 0 to 1000000/],
    [['--snapshot-quota', '1.0'], /--snapshot-quota must be a whole number from 0 to 1000000/],
    [['--bucket-fixture', '__proto__=b'], /unknown bucket condition "__proto__"/],
    [['--bucket-fixture', 'no-such=b'], /unknown bucket condition "no-such"/],
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
    ['type.mjs', 'export default { numRuns: "many" };', /"numRuns" must be a number, got a string/],
  ])('%s is a usage error', async (name, text, message) => {
    await expect(loadConfigFile(write(name, text))).rejects.toThrow(message);
    await expect(loadConfigFile(write(name, text))).rejects.toBeInstanceOf(UsageError);
  });

  it.each([
    [{ fixtures: { sourceSnapshot: 5 } }, /"fixtures\.sourceSnapshot" must be a string, got a number/],
    [{ maxCreates: '3' }, /"maxCreates" must be a number, got a string/],
    [{ fixtures: [] }, /"fixtures" must be an object, got an array/],
    [{ fixtures: null }, /"fixtures" must be an object, got null/],
    [{ fixtures: { sourceSnapshot: '' } }, /"fixtures\.sourceSnapshot" must not be empty/],
    [{ fixtures: { bogus: 'x' } }, /unknown option "fixtures\.bogus"/],
    [{ fixtures: { snapshotQuota: -1 } }, /"fixtures\.snapshotQuota" must be a whole number from 0 to 1000000, got -1/],
    [{ fixtures: { buckets: { 'no-write': 5 } } }, /"fixtures\.buckets\.no-write" must be a non-empty string/],
    [{ fixtures: { buckets: { toString: 'b' } } }, /unknown bucket condition "fixtures\.buckets\.toString"/],
    [{ fixtures: { buckets: [] } }, /"fixtures\.buckets" must be an object, got an array/],
    [{ timeoutMs: 2 ** 31 }, /"timeoutMs" must be a whole number from 1 to 2147483647, got 2147483648/],
    [{ timeoutMs: 1.5 }, /"timeoutMs" must be a whole number from 1 to 2147483647/],
    [{ numRuns: 0 }, /"numRuns" must be a whole number from 1 to 1000000, got 0/],
    [{ concurrency: -1 }, /"concurrency" must be a whole number from 1 to 1024/],
    [{ seed: -1 }, /"seed" must be a whole number from 0 to 2147483647/],
    [{ rules: ['tags', 7] }, /"rules\[1\]" must be a non-empty string/],
    [{ expectFailures: { 'tags.max-50': 1 } }, /"expectFailures\.tags\.max-50" must be a string/],
    [{ constructor: 1 }, /unknown option "constructor"/],
    [JSON.parse('{"__proto__": {"numRuns": 1}}') as unknown, /unknown option "__proto__"/],
  ])('a JSON config %j is a one-line usage error naming the key path', async (config, message) => {
    const file = write(`nested-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(config));
    const error = await loadConfigFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('loads a JSON config', async () => {
    const file = write('ok.json', JSON.stringify({ numRuns: 3, fixtures: { sourceSnapshot: 'a', buckets: { 'no-write': 'b' } } }));
    expect(await loadConfigFile(file)).toEqual({ numRuns: 3, fixtures: { sourceSnapshot: 'a', buckets: { 'no-write': 'b' } } });
  });

  it('a folder given as --config is a usage error', async () => {
    await expect(loadConfigFile(dir)).rejects.toThrow(/is not a file/);
  });

  it('reads --expect-failures and rejects a bad file', async () => {
    const good = write('known.json', JSON.stringify({ 'tags.max-50': 'not implemented yet' }));
    expect((await resolveConfig({}, { expectFailures: good })).expectFailures).toEqual({ 'tags.max-50': 'not implemented yet' });
    const bad = write('bad.json', '[1]');
    await expect(resolveConfig({}, { expectFailures: bad })).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a known deviation that names no rule (a typo would excuse nothing)', async () => {
    const typo = write('typo.json', JSON.stringify({ 'tags.max-5O': 'typo' }));
    await expect(resolveConfig({}, { expectFailures: typo })).rejects.toThrow(/names no rule: "tags.max-5O"/);
    await expect(resolveConfig({}, { expectFailures: { 'export.nowrite': 'typo' } })).rejects.toThrow(/names no rule: "export.nowrite"/);
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
