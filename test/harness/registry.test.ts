// The registry (harness/checks/index.ts) has one entry per rule, and every rule has cases to judge: its own
// generator, or a case source its entry's kind names. A rule ID is found by grep wherever it is handled.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateFromFixtures } from '../../generators/oracle.js';
import { requestRuleCoverage, uncoverableRequestRules } from '../../generators/requests.js';
import { answerChecks, entryOf, registry } from '../../harness/checks/index.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { ruleIds, ruleList } from '../../specs/rules.js';

/** Where the cases of a rule that has no generator of its own come from, by its entry's kind. */
const caseSourceOfKind: Record<string, string> = {
  answer: 'every answer of the run (valid, invalid, multi-fault and raw-wire cases of the other rules)',
  'accepted-copy': 'valid copies (generators/requests.ts validCopyRequest)',
  'refused-copy': 'invalid copies (generators/requests.ts invalidCopyRequest)',
  'fill-quota': 'a procedure: fresh copies until the declared quota refuses one',
  stateful: 'command sequences against a model (generators/stateful.ts)',
};

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('the rule registry', () => {
  it('has exactly one entry per rule of the contract', () => {
    expect(Object.keys(registry).sort()).toEqual([...ruleIds].sort());
  });

  it('gives every rule a generator, or a case source its kind documents', () => {
    const withQuota = { ...referenceFixtures, snapshotQuota: 2 };
    const { covered } = requestRuleCoverage(withQuota, stateFromFixtures(withQuota, { quotaUsed: 2 }));
    for (const id of ruleIds) {
      const kind = entryOf(id).judge.kind;
      if (kind === 'expected-set') expect(covered.includes(id) || uncoverableRequestRules[id] !== undefined, `${id} has no generator`).toBe(true);
      else expect(caseSourceOfKind[kind], `${id}: kind ${kind} names no case source`).toBeDefined();
    }
  });

  it('holds every answer to the envelope invariants, and to nothing else', () => {
    const invariants = ruleList.filter((r) => r.family === 'envelope' && r.kind === 'invariant').map((r) => r.id);
    expect([...answerChecks.keys()].sort()).toEqual([...invariants].sort());
  });

  it('names every rule literally where it is defined, generated and registered, so grep finds it', () => {
    const specs = read('specs/rules.ts');
    const generators = read('generators/requests.ts') + read('generators/wire.ts') + read('generators/stateful.ts');
    for (const rule of ruleList) {
      const quoted = `'${rule.id}'`;
      expect(specs, `${rule.id} in specs/rules.ts`).toContain(quoted);
      expect(read(`harness/checks/families/${rule.family}.ts`), `${rule.id} in its family's registry file`).toContain(quoted);
      if (entryOf(rule.id).judge.kind === 'expected-set') expect(generators, `${rule.id} in generators/`).toContain(quoted);
    }
  });
});
