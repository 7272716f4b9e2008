// report.html in a real headless Chromium, opened offline from file://.
// Locally the browser may be missing (the tests skip, saying so); in CI (CI=true) a missing browser fails.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunResult, Verdict } from '../../harness/result.js';
import { countOf, makeRunResult } from './fixture.js';
import { writeToTemp, type Written } from './helpers.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(executablePath);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
if (!present && !inCi) {
  console.warn(`report.html browser tests SKIPPED: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH). With CI=true they fail instead.`);
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!present && !inCi)('report.html in headless Chromium', () => {
  let run: RunResult;
  let written: Written;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!present) throw new Error(`Chromium is missing at ${executablePath}: CI must install it (see .ci/run)`);
    run = makeRunResult();
    written = await writeToTemp(run);
    browser = await chromium.launch({ executablePath, args: launchArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await written?.cleanup();
  });

  beforeEach(async () => {
    requests.length = 0;
    problems.length = 0;
    context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(pathToFileURL(path.join(written.dir, 'report.html')).href);
    return () => context.close();
  });

  const visibleRows = () => page.locator('#rules tbody tr:visible').count();
  const text = (selector: string) => page.locator(selector).innerText();
  /** What the text filter should show: the rule's ID, family, grade, verdict, statement and reasons. */
  const matching = (q: string, verdict?: Verdict) =>
    run.rules.filter((r) => (!verdict || r.verdict === verdict) && [r.id, r.family, r.grade, r.verdict, r.statement, r.reason ?? '', r.failure?.reason ?? ''].join(' ').toLowerCase().includes(q.toLowerCase())).length;

  it('opens offline from file:// with no other request, no script error and no injected script run', async () => {
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    expect(requests).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe(`CopySnapshot conformance: ${countOf(run, 'fail')} failing`);
    expect(await page.locator('script[src], link[rel=stylesheet], img').count()).toBe(0);
  });

  it('shows the right totals and one row per rule', async () => {
    expect(await text('#count-total')).toBe(String(run.rules.length));
    for (const v of ['pass', 'fail', 'warn', 'skip', 'known-deviation'] as const) expect(await text(`#count-${v}`), v).toBe(String(countOf(run, v)));
    expect(await visibleRows()).toBe(run.rules.length);
    expect(await text('#shown')).toBe(String(run.rules.length));
    expect(await page.locator('#rules tbody tr').first().getAttribute('data-verdict')).toBe('fail');
  });

  it('filters by typed text and by verdict, and says when nothing matches', async () => {
    await page.locator('#filter').pressSequentially('tags.');
    expect(await visibleRows()).toBe(matching('tags.'));
    expect(matching('tags.')).toBeLessThan(run.rules.length);
    expect(await text('#shown')).toBe(String(matching('tags.')));

    await page.locator('#verdict').selectOption('fail');
    expect(await visibleRows()).toBe(matching('tags.', 'fail'));

    await page.locator('#filter').fill('');
    expect(await visibleRows()).toBe(countOf(run, 'fail'));

    await page.locator('#filter').fill('NAMES.HOSTILE-MARKUP');
    expect(await visibleRows()).toBe(1);

    await page.locator('#filter').fill('no rule is called this');
    expect(await visibleRows()).toBe(0);
    expect(await page.locator('#empty').isVisible()).toBe(true);

    await page.locator('#filter').fill('');
    await page.locator('.totals button[data-verdict="skip"]').click();
    expect(await visibleRows()).toBe(countOf(run, 'skip'));
    await page.locator('.totals button[data-verdict=""]').click();
    expect(await visibleRows()).toBe(run.rules.length);
  });

  it('expands each failure to its counterexample and replay command; markup in data stays text', async () => {
    const failing = run.rules.filter((r) => r.verdict === 'fail');
    expect(await page.locator('tr[data-verdict="fail"] details').count()).toBe(failing.length);
    const row = page.locator('tr', { has: page.locator('code', { hasText: /^names\.hostile-markup$/ }) });
    const replay = row.locator('pre.replay');
    expect(await replay.isVisible()).toBe(false);
    await row.locator('summary').click();
    expect(await replay.isVisible()).toBe(true);
    const rule = failing.find((r) => r.id === 'names.hostile-markup')!;
    expect(await replay.innerText()).toBe(rule.failure!.replay);
    expect(await row.locator('dd.expected').innerText()).toBe('400 InvalidParameterValue');
    expect(await row.locator('dd.actual').innerText()).toContain('Invalid<Code>&');
    expect(await row.locator('pre.request').innerText()).toContain('Action=CopySnapshot');
    expect(await row.locator('.statement').innerText()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#rules script, #rules img').count()).toBe(0);
  });

  it.each([
    ['the clipboard takes it', true, 'copied'],
    ['the clipboard is refused: the command is selected instead', false, 'selected: press Ctrl+C'],
  ] as const)('copy button: %s', async (_label, allowed, label) => {
    const row = page.locator('tr', { has: page.locator('code', { hasText: /^names\.hostile-markup$/ }) });
    if (!(await row.locator('pre.replay').first().isVisible())) await row.locator('summary').click();
    // the browser's clipboard stands in for the system's: what the page hands it is what a user would paste
    await page.evaluate((ok) => {
      const w = window as unknown as { __copied?: string };
      w.__copied = undefined;
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (t: string) => (ok ? ((w.__copied = t), Promise.resolve()) : Promise.reject(new Error('denied'))) } });
    }, allowed);
    const button = row.locator('button.copy').first();
    await button.click();
    await expect.poll(() => button.innerText()).toBe(label);
    const replay = await row.locator('pre.replay').first().innerText();
    if (allowed) expect(await page.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe(replay);
    else expect(await page.evaluate(() => String(getSelection()))).toBe(replay);
  });

  it('never breaks a flag or a flag from its value: a narrow window wraps replay and curl lines only between arguments', async () => {
    await page.setViewportSize({ width: 520, height: 900 });
    for (const summary of await page.locator('tr[data-verdict="fail"] summary').all()) await summary.click();
    const spans = page.locator('pre.replay .arg:not(.long)');
    expect(await spans.count()).toBeGreaterThan(20);
    // one line box per argument group: wrapped inside, it would have two
    const broken = await spans.evaluateAll((els) => els.filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent));
    expect(broken).toEqual([]);
    // the commands did wrap (the window is narrow), and each still copies exactly as printed
    const wrapped = await page.locator('pre.replay').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height > 40).length);
    expect(wrapped).toBeGreaterThan(0);
    for (const r of run.rules.filter((x) => x.verdict === 'fail' && x.failure)) {
      const row = page.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${r.id.replace(/\./g, '\\.')}$`) }) });
      expect(await row.locator('pre.replay').first().evaluate((e) => e.textContent)).toBe(r.failure!.replay);
    }
    // flags in prose (skip reasons) stay on one line as well
    const flags = page.locator('td .flag');
    if ((await flags.count()) > 0) expect(await flags.evaluateAll((els) => els.filter((e) => e.getClientRects().length !== 1).length)).toBe(0);
  });

  it('shows expected and actual side by side, the differing words of the answer highlighted', async () => {
    const row = page.locator('tr', { has: page.locator('code', { hasText: /^names\.hostile-markup$/ }) });
    await row.locator('summary').click();
    const want = await row.locator('.vs .want').boundingBox();
    const got = await row.locator('.vs .got').boundingBox();
    expect(want && got).toBeTruthy();
    expect(Math.abs(want!.y - got!.y)).toBeLessThan(2);
    expect(got!.x).toBeGreaterThan(want!.x + want!.width - 1);
    expect(await row.locator('.vs .got mark').count()).toBeGreaterThan(0);
    const colours = await row.locator('.vs > div').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(new Set(colours).size).toBe(2);
  });

  it('lists inconclusive rules among the verdict filters', async () => {
    expect(await page.locator('.totals button[data-verdict="inconclusive"]').count()).toBe(1);
    expect(await page.locator('#verdict option[value="inconclusive"]').count()).toBe(1);
  });
});
