// The run console: on a TTY a progress line rewritten in place, colour by the NO_COLOR/FORCE_COLOR conventions, and
// every rule's line again after the run, grouped by verdict with failures first; elsewhere plain `ruleLine`s only.
import { describe, expect, it } from 'vitest';
import { fit, groupedRuleLines, LiveLine, paintWith, progressText, RunConsole, StepConsole, timeLeftMs, useColour, type Terminal } from '../../cli/console.js';
import { ruleLine } from '../../harness/format.js';
import type { RuleResult } from '../../harness/result.js';
import { verdictOrder } from '../../reports/text.js';
import { makeRunResult, secrets } from '../reports/fixture.js';
import { redact } from '../../protocol/redact.js';

const esc = '\x1b[';

function fakeTerminal(isTTY: boolean, env: Record<string, string | undefined> = {}, columns = 80) {
  const out: string[] = [];
  const term: Terminal = { isTTY, env, line: (t) => out.push(`${t}\n`), raw: (t) => out.push(t), columns: () => columns };
  return { term, out, text: () => out.join('') };
}

const results = (): RuleResult[] => makeRunResult().rules;

describe('colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [false, { FORCE_COLOR: '1' }, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
    [true, { NO_COLOR: '1', FORCE_COLOR: '' }, true],
  ] as const)('TTY %s, env %j: colour %s', (isTTY, env, expected) => {
    expect(useColour({ isTTY, env })).toBe(expected);
  });
});

describe('progress line', () => {
  it('reads `31/57 rules · 12.3 s`, then failures and the last rule', () => {
    expect(progressText({ done: 31, total: 57, elapsedMs: 12_345, failed: 0 })).toBe('31/57 rules · 12.3 s');
    expect(progressText({ done: 31, total: 57, elapsedMs: 12_345, failed: 2, last: 'tags.max-50' })).toBe('31/57 rules · 12.3 s · 2 failed · tags.max-50');
    expect(progressText({ done: 0, elapsedMs: 400, failed: 0 })).toBe('preflight · 0.4 s');
  });

  it('never wraps: cut to the terminal width', () => {
    expect([...fit('x'.repeat(200), 40)].length).toBeLessThan(40);
    expect(fit('short', 40)).toBe('short');
  });

  it('is rewritten in place on a TTY (carriage return, erase line), and lines printed meanwhile land above it', () => {
    const { term, out } = fakeTerminal(true);
    let n = 0;
    const live = new LiveLine(term, () => `tick ${++n}`, 1_000_000);
    live.start();
    live.line('a message');
    live.stop();
    expect(out).toEqual([`\r${esc}2Ktick 1`, `\r${esc}2K`, 'a message\n', `\r${esc}2Ktick 2`, `\r${esc}2K`]);
  });

  it('draws nothing when not a TTY', () => {
    const { term, out } = fakeTerminal(false);
    const live = new LiveLine(term, () => 'tick');
    live.start();
    live.line('a message');
    live.stop();
    expect(out).toEqual(['a message\n']);
  });
});

describe('RunConsole', () => {
  it('not a TTY: exactly one plain ruleLine per rule as it finishes, no escape code, nothing after the run', () => {
    const { term, text } = fakeTerminal(false, { FORCE_COLOR: '3' });
    const screen = new RunConsole(term);
    screen.start();
    screen.setTotal(results().length);
    for (const r of results()) screen.rule(r);
    screen.finish();
    expect(text()).toBe(results().map((r) => `${ruleLine(r)}\n`).join(''));
    expect(text()).not.toContain('\x1b');
  });

  it('a TTY: progress while rules finish, then every rule grouped by verdict, failures first, coloured', () => {
    let now = 0;
    const { term, out, text } = fakeTerminal(true, {}, 120);
    const screen = new RunConsole(term, { now: () => now });
    screen.start();
    screen.line('CopySnapshot at X speaks the protocol');
    const all = results();
    screen.setTotal(all.length);
    all.slice(0, 31).forEach((r) => {
      now += 100;
      screen.rule(r);
    });
    expect(out.at(-1)).toMatch(new RegExp(`^\\r\\x1b\\[2K31/${all.length} rules · 3\\.1 s`));
    for (const r of all.slice(31)) screen.rule(r);
    screen.finish(all);
    const after = text().slice(text().lastIndexOf(`\r${esc}2K`) + `\r${esc}2K`.length);
    const lines = after.trimEnd().split('\n');
    // the headings come in verdict order, failures first, and every rule is listed once under its own
    const headings = lines.filter((l) => !l.startsWith('  '));
    const present = verdictOrder.filter((v) => all.some((r) => r.verdict === v));
    expect(headings.map((h) => h.replace(/\x1b\[[0-9;]*m/g, '').replace(/ \(\d+\)$/, '').replace(' ', '-'))).toEqual(present);
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(all.length);
    expect(headings[0]).toContain(`${esc}1;31m`);
    // the characters of each line are those of the plain line (secrets redacted): only colour is added
    const plain = lines.filter((l) => l.startsWith('  ')).map((l) => l.slice(2).replace(/\x1b\[[0-9;]*m/g, ''));
    expect(new Set(plain)).toEqual(new Set(all.map((r) => redact(ruleLine(r)))));
    expect(text()).not.toContain(secrets.sessionToken);
  });

  it('failure blocks: the head line painted on a colour terminal, the text unchanged elsewhere', () => {
    const block = 'tags.max-50 [documented] …\n  why: status 200';
    expect(new RunConsole(fakeTerminal(true).term).block(block)).toBe(`${esc}1;31mtags.max-50 [documented] …${esc}0m\n  why: status 200`);
    expect(new RunConsole(fakeTerminal(false).term).block(block)).toBe(block);
    expect(new RunConsole(fakeTerminal(true, { NO_COLOR: '1' }).term).block(block)).toBe(block);
  });

  it('NO_COLOR on a TTY: grouped, no colour', () => {
    const { term, text } = fakeTerminal(true, { NO_COLOR: '1' });
    const screen = new RunConsole(term);
    screen.finish(results());
    expect(text()).not.toMatch(/\x1b\[[0-9;]*m/);
    expect(text()).toContain('fail (');
  });

  it('groups with painting off are plain text', () => {
    const lines = groupedRuleLines(results(), paintWith(false));
    expect(lines.join('\n')).not.toContain('\x1b');
    expect(lines[0]).toMatch(/^fail \(\d+\)$/);
  });
});

describe('selftest progress', () => {
  it('estimates time left from the mean step so far, less what the current step has run', () => {
    expect(timeLeftMs({ done: 0, total: 10, elapsedMs: 5_000, sinceLastStepMs: 5_000 })).toBeUndefined();
    expect(timeLeftMs({ done: 2, total: 10, elapsedMs: 4_000, sinceLastStepMs: 0 })).toBe(16_000);
    expect(timeLeftMs({ done: 2, total: 10, elapsedMs: 5_000, sinceLastStepMs: 1_000 })).toBe(15_000);
    expect(timeLeftMs({ done: 10, total: 10, elapsedMs: 5_000, sinceLastStepMs: 0 })).toBe(0);
  });

  it('off a TTY: each step line says how far and how long is left; on a TTY: a live line with the estimate', () => {
    let now = 0;
    const plain = fakeTerminal(false);
    const steps = new StepConsole(plain.term, { label: 'selftest', total: 4, now: () => now });
    steps.start();
    now = 2_000;
    steps.step('pristine reference mock: no false alarm', 'pass');
    now = 4_000;
    steps.step('killed not-found-400 — expected names.source-not-found', 'pass');
    steps.finish();
    expect(plain.text()).toBe('pristine reference mock: no false alarm (1/4, ~6 s left)\nkilled not-found-400 — expected names.source-not-found (2/4, ~4 s left)\n');

    now = 0;
    const tty = fakeTerminal(true);
    const live = new StepConsole(tty.term, { label: 'selftest', total: 4, now: () => now });
    live.start();
    expect(tty.out.at(-1)).toBe(`\r${esc}2Kselftest 0/4 · 0.0 s · estimating time left`);
    now = 2_000;
    live.step('SURVIVED x', 'fail');
    expect(tty.text()).toContain(`${esc}1;31mSURVIVED x${esc}0m\n`);
    expect(tty.out.at(-1)).toBe(`\r${esc}2Kselftest 1/4 · 2.0 s · ~6 s left`);
    live.finish();
  });
});
