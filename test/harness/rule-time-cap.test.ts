// A rule stopped by its time cap is inconclusive and says how many cases ran, never `pass`.
// The cap (60 s in-process) is reached without waiting for it: the clock is faked before fast-check loads
// (it keeps its own reference to Date.now), time runs on as usual, and after a few of the rule's requests
// the clock jumps ten minutes ahead — the signal the cap reads.
import { expect, it, vi } from 'vitest';

it('a rule cut off by the rule time cap is inconclusive with the count of cases run', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
  try {
    const { resolveConfig, runSuite } = await import('../../cli/entry.js');
    const { createReferenceMock } = await import('../../mock/index.js');
    const { http } = await import('msw');
    const mock = createReferenceMock({ settleMs: 0 });
    let copies = 0;
    const handlers = [
      http.all('*', async ({ request }) => {
        // the preflight sends 12 CopySnapshot requests; the jump lands inside the rule
        if ((await request.clone().text()).includes('Action=CopySnapshot') && ++copies === 20) vi.setSystemTime(Date.now() + 10 * 60_000);
        return mock.answer(request);
      }),
    ];
    const config = await resolveConfig({}, { numRuns: 200, seed: 1 });
    const run = await runSuite(config, { handlers, onlyRules: ['names.source-not-found'] });
    const rule = run.rules.find((r) => r.id === 'names.source-not-found')!;
    expect(rule.verdict).toBe('inconclusive');
    const ran = Number(/interrupted by the 60 s rule time cap after (\d+) of 200 cases/.exec(rule.reason ?? '')?.[1]);
    expect(rule.reason).toMatch(/interrupted by the 60 s rule time cap after \d+ of 200 cases/);
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(200);
  } finally {
    vi.useRealTimers();
  }
});
