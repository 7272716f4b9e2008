// The console on a real terminal: the CLI run under `script` (util-linux), which gives it a pseudo-terminal.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, cleanEnv, runCli } from '../fixtures/cli.js';

const script = '/usr/bin/script';
const work = mkdtempSync(path.join(tmpdir(), 'csc-tty-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const args = (reports: string) => ['run', '--rules', 'names,quota', '--num-runs', '3', '--reports', path.join(work, reports)];

/** The run's terminal output as the terminal got it (escape codes and carriage returns included). */
async function onTerminal(reports: string, env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, bin, ...args(reports)].map(quote).join(' ');
  // the colour variables of the environment running the tests are not the test's
  const base: NodeJS.ProcessEnv = { ...cleanEnv };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const { stdout } = await promisify(execFile)(script, ['-qfec', command, '/dev/null'], { env: { ...base, TERM: 'xterm-256color', ...env }, timeout: 60_000, maxBuffer: 16 << 20 });
  return stdout;
}

describe.skipIf(!existsSync(script))('run on a real terminal', () => {
  it('draws progress in place, colours, and lists every rule again grouped by verdict, failures first', async () => {
    const out = await onTerminal('a');
    expect(out).toMatch(/\r\x1b\[2K\d+\/8 rules · \d+\.\d s/);
    expect(out).toContain('\x1b[32m');
    const after = out.slice(out.lastIndexOf('\r\x1b[2K') + 5).replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');
    const headings = after.split('\n').filter((l) => /^[a-z -]+ \(\d+\)$/.test(l));
    expect(headings.map((h) => h.replace(/ \(\d+\)$/, ''))).toEqual(['skip', 'pass']);
    expect(after).toMatch(/^ {2}SKIP {2}quota\.snapshot-quota .*--snapshot-quota N$/m);
    expect(after.split('\n').filter((l) => /^ {2}(PASS|SKIP) /.test(l))).toHaveLength(8);
  }, 90_000);

  it('NO_COLOR: the same on a terminal, without colour', async () => {
    const out = await onTerminal('b', { NO_COLOR: '1' });
    expect(out).toMatch(/\d+\/8 rules · /);
    expect(out).not.toMatch(/\x1b\[[0-9;]*m/);
  }, 90_000);

  it('not a terminal (even with FORCE_COLOR): the plain lines as always, no escape code', async () => {
    const r = await runCli(args('c'), { env: { ...cleanEnv, FORCE_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr.split('\n').filter((l) => /^(PASS|SKIP) {2}/.test(l))).toHaveLength(8);
  }, 90_000);
});
