// End to end: real runs of the suite (in-process, against the reference mock and one planted-bug
// variant of it) written as reports, validated, and compared.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, type TestSuites } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.js';
import type { RunResult } from '../../harness/result.js';
import { runSuite } from '../../cli/entry.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { createReferenceMock } from '../../mock/handlers.js';
import { mutants } from '../../mock/mutants.js';
import { compareCommand } from '../../cli/compare-command.js';
import { writeToTemp, type Written } from './helpers.js';

const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8')));
const mutant = mutants.find((m) => m.id === 'blank-target-accepted')!;

describe('reports of real runs', () => {
  let pristine: RunResult;
  let buggy: RunResult;
  let base: Written;
  let next: Written;
  beforeAll(async () => {
    const config = await resolveConfig({}, { numRuns: 5, seed: 20260101, fixtures: referenceFixtures });
    const onlyRules = mutant.breaks;
    const run = (handlers: ReturnType<typeof createReferenceMock>['handlers']) => runSuite(config, { handlers, handlerFixtures: referenceFixtures, onlyRules: [...onlyRules, 'names.source-required', 'tags.max-50'] });
    pristine = await run(createReferenceMock({ settleMs: 20 }).handlers);
    buggy = await run(mutant.create({ settleMs: 20 }).handlers);
    base = await writeToTemp(pristine);
    next = await writeToTemp(buggy);
  }, 120_000);
  afterAll(async () => {
    await base?.cleanup();
    await next?.cleanup();
  });

  it('validate against the schema, and junit.xml counts match the run', async () => {
    for (const [run, written] of [[pristine, base], [buggy, next]] as const) {
      expect(validate(JSON.parse(written.text['report.json'])), JSON.stringify(validate.errors)).toBe(true);
      const root = (await parse(written.text['junit.xml'])) as TestSuites;
      expect(root.tests).toBe(run.rules.length);
      expect(root.failures).toBe(run.summary.fail);
    }
    expect(buggy.summary.fail).toBeGreaterThan(0);
  });

  it('compare --fail-on regression catches the planted bug between them', async () => {
    let out = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    const files = [`${base.dir}/report.json`, `${next.dir}/report.json`];
    expect(await compareCommand([...files, '--fail-on', 'regression'], io)).toBe(1);
    const failed = buggy.rules.filter((r) => r.verdict === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(out).toContain(`${r.id}: pass → fail`);
    expect(await compareCommand([...files.reverse(), '--fail-on', 'regression'], io)).toBe(0);
  });
});
