// The case arbitraries of a run, built from generators/ for the run's fixtures and name prefix.
import fc from 'fast-check';
import { caseOf, invalidCopyRequest, multiFaultCopyRequest, ruleArbitraries, validCopyRequest, type GeneratorContext } from '../../generators/requests.js';
import { wireCases } from '../../generators/wire.js';
import type { RunContext } from './context.js';
import type { CaseSource } from './properties.js';

export function createCaseSource(ctx: RunContext): CaseSource {
  const gctx: GeneratorContext = { fixtures: ctx.fixtures, prefix: ctx.namePrefix };
  const byRule = ruleArbitraries(gctx);
  const valid = validCopyRequest(gctx).map((input) => caseOf('valid', gctx, input));
  const invalid = invalidCopyRequest(gctx);
  const wire = fc.oneof(...Object.values(wireCases(gctx)));
  const any = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 4, arbitrary: invalid }, { weight: 1, arbitrary: multiFaultCopyRequest(gctx) }, { weight: 2, arbitrary: wire });
  return {
    forRule: (id) => byRule[id as keyof typeof byRule],
    valid: () => valid,
    invalid: () => invalid,
    any: () => any,
  };
}
