import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../harness/result.js';
import { toMarkdown, toReportJson } from '../../reports/index.js';
import { mdBlock, mdCode } from '../../reports/markdown-text.js';
import { countOf, hostile, makeRunResult } from './fixture.js';
import { writeToTemp, type Written } from './helpers.js';

/** The rows of the rules table: [verdict cell, rule ID]. */
function tableRows(md: string): [string, string][] {
  const section = md.split('## Rules')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((l) => /^\| (❌|⚠️|🟡|❔|⏭️|✅)/u.test(l))
    .map((l) => [l.split(' | ')[0]!.replace(/^\| /, ''), /`+([^`]+)`+/.exec(l)![1]!]);
}

/** The body of every fenced block, keyed by the line before it ("Replay:", …). */
function fencedBlocks(md: string): { label: string; lang: string; body: string }[] {
  const out: { label: string; lang: string; body: string }[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf(open[1]!, i + 1);
    out.push({ label: lines[i - 2] ?? '', lang: open[2]!, body: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}

describe('summary.md', () => {
  let run: RunResult;
  let written: Written;
  let md: string;
  beforeAll(async () => {
    run = makeRunResult();
    written = await writeToTemp(run);
    md = written.text['summary.md'];
  });
  afterAll(() => written.cleanup());

  it('leads with the totals', () => {
    expect(md.split('\n')[0]).toBe(`# CopySnapshot conformance: ${countOf(run, 'fail')} failing`);
    const totals = md.split('\n').find((l) => /^\| \d+ \| \d+ \|/.test(l))!;
    expect(totals).toBe(`| ${run.rules.length} | ${countOf(run, 'pass')} | ${countOf(run, 'fail')} | ${countOf(run, 'warn')} | ${countOf(run, 'known-deviation')} | ${countOf(run, 'inconclusive')} | ${countOf(run, 'skip')} |`);
  });

  it('lists every rule once, failures first, passes last', () => {
    const rows = tableRows(md);
    expect(rows.map(([, id]) => id).sort()).toEqual(run.rules.map((r) => r.id).sort());
    const rank = (cell: string) => ['❌', '⚠️', '🟡', '⏭️', '✅'].findIndex((icon) => cell.startsWith(icon));
    const ranks = rows.map(([cell]) => rank(cell));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.filter((r) => r === 0)).toHaveLength(countOf(run, 'fail'));
  });

  it('shows every failure with expected versus actual and its replay command, verbatim, in a code block', () => {
    const blocks = fencedBlocks(md);
    const shown = run.rules.filter((r) => r.verdict === 'fail' || r.verdict === 'warn');
    expect(shown.length).toBeGreaterThan(0);
    for (const rule of shown) {
      const heading = md.indexOf(`${rule.id}\``);
      expect(heading, rule.id).toBeGreaterThan(md.indexOf('## Rules'));
      const section = md.slice(md.indexOf('### ', heading - 40));
      expect(section).toMatch(/- \*\*expected\*\*: /);
      expect(section).toMatch(/- \*\*actual\*\*: /);
      const replays = blocks.filter((b) => b.label === 'Replay:' && b.lang === 'sh').map((b) => b.body);
      expect(replays).toContain(rule.failure!.replay);
    }
    expect(md).toContain('## Failures');
    expect(md).toContain('## Warnings');
  });

  it('escapes markup and table-breaking characters outside code', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;script&gt;');
    // every row keeps its table's column count (its header's): no unescaped pipe inside a cell
    const cellsOf = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let header: number | undefined;
    let rows = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        header = undefined;
        continue;
      }
      header ??= cellsOf(line);
      expect(cellsOf(line), line).toBe(header);
      rows++;
    }
    expect(rows).toBeGreaterThan(10);
  });

  it('keeps code verbatim even when it contains backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdBlock('x\n```\ny', 'sh')).toEqual(['````sh', 'x\n```\ny', '````']);
    const hostileReplay = fencedBlocks(md).find((b) => b.body.includes('--note'))!;
    expect(hostileReplay.body).toContain(hostile.markdown);
  });

  it('says so when the run ended early or a known deviation now passes', () => {
    const run = makeRunResult({ plain: true });
    run.aborted = 'the endpoint stopped answering';
    run.summary.unexpectedPasses = ['names.source-blank'];
    const text = toMarkdown(toReportJson(run));
    expect(text).toContain('> **Run ended early**: the endpoint stopped answering');
    expect(text).toContain('now passing (the list can shrink): `names.source-blank`');
  });
});
