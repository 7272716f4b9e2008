// A describeConformance failure prints a replay that reproduces it: with handlersModule, the CLI replays the
// same case against the same handlers and fails the same way (without it, the line says what to add).
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli.js';

const root = path.resolve('.');
const folder = path.join(root, 'test', '.replay-work');
const exec = promisify(execFile);

beforeAll(() => {
  mkdirSync(folder, { recursive: true });
  // a user's own (broken) mock, as a module the CLI can load too
  writeFileSync(path.join(folder, 'broken-mock.mjs'), `import { mutants } from '../../dist/mock/index.js';\nexport const handlers = mutants.find((m) => m.id === 'not-found-400').create({ settleMs: 5 }).handlers;\n`);
  const spec = (extra: string) => `import { describeConformance } from '../../cli/vitest-entry.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { handlers } from './broken-mock.mjs';
describeConformance({ handlers, fixtures: referenceFixtures, rules: ['names.source-not-found'], numRuns: 10, seed: 9${extra} });
`;
  writeFileSync(path.join(folder, 'named.conformance.test.ts'), spec(", handlersModule: 'test/.replay-work/broken-mock.mjs'"));
  writeFileSync(path.join(folder, 'unnamed.conformance.test.ts'), spec(''));
  writeFileSync(path.join(folder, 'vitest.config.mjs'), `export default { test: { include: ['test/.replay-work/*.conformance.test.ts'] } };\n`);
});
afterAll(() => process.env.KEEP_REPLAY_WORK ? undefined : rmSync(folder, { recursive: true, force: true }));

async function vitestOutput(file: string): Promise<string> {
  const run = await exec(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(folder, 'vitest.config.mjs'), file], { cwd: root, env: { ...process.env, CI: 'true', NO_COLOR: '1' } }).catch((e: { stdout: string; stderr: string }) => e);
  return `${run.stdout}\n${run.stderr}`;
}

describe('describeConformance failure replay', () => {
  it('with handlersModule: the printed replay reproduces the failure through the CLI', async () => {
    const out = await vitestOutput('named.conformance.test.ts');
    const replay = /replay: (copysnapshot-conformance replay --handlers test\/\.replay-work\/broken-mock\.mjs (?:--[\w-]+ [^ ]+ )*--rule names\.source-not-found --seed \d+ --path [\d:]+)/.exec(out)?.[1];
    expect(replay, out).toBeDefined();
    const again = await runCli(replay!.split(' ').slice(1), { timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(1);
    expect(again.stdout).toMatch(/names\.source-not-found/);
    expect(again.stdout).toMatch(/SnapshotNotFoundFault/);
  }, 120_000);

  it('without it: no replay that would run against the reference mock, but what to add', async () => {
    const out = await vitestOutput('unnamed.conformance.test.ts');
    expect(out).toMatch(/replay: \(pass handlersModule: /);
    expect(out).not.toMatch(/replay: copysnapshot-conformance replay --rule/);
  }, 120_000);
});
