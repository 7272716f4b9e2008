// A skipped rule says which flag enables it, and that flag really does: for every rule, starting from no fixtures,
// the flag each skip reason names (given a value, through the CLI's own flag parsing) supplies what was missing,
// until the rule is planned to run.
import { describe, expect, it } from 'vitest';
import { fixturesFromFlags, parseFlags, runOptions } from '../../cli/args.js';
import { planRun } from '../../harness/run/plan.js';
import { missingFixture } from '../../harness/run/skip.js';
import { ruleList } from '../../specs/rules.js';
import type { Fixtures } from '../../specs/types.js';

/** A value for the flag a reason names, as a user would type it (`--bucket-fixture no-write=BUCKET`, …). */
function argvFor(reason: string): string[] {
  const m = /pass (--[a-z-]+) (\S+)/.exec(reason);
  if (!m) throw new Error(`names no flag: ${reason}`);
  const [, flag, placeholder] = m;
  const value = placeholder!.replace(/BUCKET|NAME|ID/g, 'x-fixture').replace(/^N$/, '5');
  return [flag!, value];
}

describe('skip reasons name the flag that enables the rule', () => {
  it.each(ruleList.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const argv: string[] = [];
    let fixtures: Fixtures = {};
    const named: string[] = [];
    for (let reason = missingFixture(fixtures, true, rule); reason; reason = missingFixture(fixtures, true, rule)) {
      expect(named.length, `no end to the flags ${rule.id} asks for`).toBeLessThan(6);
      const [flag, value] = argvFor(reason);
      expect(Object.keys(runOptions), `${rule.id}: "${reason}" names a flag run does not take`).toContain(flag!.slice(2));
      named.push(flag!);
      argv.push(flag!, value!);
      fixtures = fixturesFromFlags(parseFlags(argv, runOptions, 'run').values);
    }
    const row = planRun({ ruleIds: [rule.id], fixtures, canListTags: true, numRuns: 5 }).rows.find((r) => r.rule === rule.id);
    expect(row?.runs, `${rule.id} still skipped with ${argv.join(' ')}: ${row?.reason}`).toBe(true);
  });

  it('export.kms-with-bucket asks for --export-bucket (its cases need the usable bucket)', () => {
    const rule = ruleList.find((r) => r.id === 'export.kms-with-bucket')!;
    expect(missingFixture({ sourceSnapshot: 's' }, true, rule)).toMatch(/--export-bucket/);
  });

  it('a rule no flag can enable says so instead of naming one (ListTagsForResource)', () => {
    const rule = ruleList.find((r) => r.needs.includes('list-tags'))!;
    expect(missingFixture({ sourceSnapshot: 's' }, false, rule)).toMatch(/does not answer/);
  });
});
