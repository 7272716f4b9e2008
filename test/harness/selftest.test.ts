// The suite against its own planted bugs: the pristine mock passes with no false alarm (inferred
// rules included), and every shipped variant fails with a rule it is known to break.
import { describe, expect, it } from 'vitest';
import { runSelftest } from '../../cli/selftest-command.js';
import { mutants } from '../../mock/mutants.js';
import { ruleList } from '../../specs/rules.js';

describe('selftest', () => {
  it('ships at least 15 variants covering every rule family, each naming real rules', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(15);
    const ids = new Set(ruleList.map((r) => r.id));
    for (const m of mutants) for (const id of m.breaks) expect(ids, `${m.id} names unknown rule ${id}`).toContain(id);
    const families = new Set(mutants.flatMap((m) => m.breaks.map((id) => id.split('.')[0])));
    for (const family of new Set(ruleList.map((r) => r.family))) expect(families, `no variant breaks a ${family} rule`).toContain(family);
  });

  it('kills every variant with a rule it breaks, and raises no false alarm on the pristine mock', async () => {
    const report = await runSelftest({ numRuns: 15, seed: 20261125, focused: true });
    expect(report.pristineFalseAlarms).toEqual([]);
    const survivors = report.entries.filter((e) => !e.killed).map((e) => `${e.id} (failed: ${e.failedRules.join(', ') || 'nothing'})`);
    expect(survivors).toEqual([]);
    expect(report.killed).toBe(mutants.length);
  }, 600_000);
});
