// The README's "Check your mock against AWS without AWS in CI" loop, run as written against the reference mock:
// its commands are read from the README itself, so the README cannot drift from what the tool does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bin, cleanEnv, runCli } from '../fixtures/cli.js';

// child processes on a loaded 2-core machine: generous, these wait on signals, never on fixed delays
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Check your mock against AWS without AWS in CI'), readme.indexOf('## Layout'));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
/** The commands of a block (comments and `git` left out), split into words. */
const commandsOf = (block: string) =>
  block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx copysnapshot-conformance '))
    .map((l) => l.replace(/ &$/, '').split(/\s+/).slice(2));

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
});

describe('README: check your mock against AWS without AWS in CI', () => {
  it('has the AWS loop (record with --allow-aws, diff --cassette, evidence) and a reference-mock loop', () => {
    expect(blocks).toHaveLength(2);
    const aws = commandsOf(blocks[0]!);
    expect(aws.map((c) => c[0])).toEqual(['record', 'diff', 'rules', 'run']);
    expect(aws[0]).toEqual(expect.arrayContaining(['--allow-aws', '--max-creates']));
    expect(aws[1]).toEqual(expect.arrayContaining(['--cassette', '--allow-diff']));
  });

  it('the reference-mock loop runs as written: the planted bug differs in tags, exit 1', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'csc-readme-'));
    const [record, mock, diff] = commandsOf(blocks[1]!);
    expect([record![0], mock![0], diff![0]]).toEqual(['record', 'mock', 'diff']);
    // the recording and the mock's start are independent: side by side
    const recording = runCli([...record!, '--reports', path.join(work, 'rec'), '--quiet'], { cwd: work });
    // the mock on a free port instead of 4566 (the only change to the README's lines)
    const child = spawn(process.execPath, [bin, ...mock!.map((a) => (a === '4566' ? '0' : a))], { env: cleanEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).on('line', (l) => /listening on (\S+)/.exec(l)?.[1] && resolve(/listening on (\S+)/.exec(l)![1]!)));
    const recorded = await recording;
    expect(recorded.code, recorded.stderr).toBe(0);
    const args = diff!.map((a) => a.replace('http://127.0.0.1:4566', url));
    const compared = await runCli([...args, '--reports', path.join(work, 'diff')], { cwd: work });
    expect(compared.code, compared.stdout).toBe(1);
    expect(compared.stderr).toMatch(/^tags: \d+ step\(s\) differ in tags\.max-50/m);
  });
});
