import type { RuleId } from '../../specs/rules.js';
import type { Case } from './context.js';
import type { Exchange } from './exchange-types.js';

/** When each rule first failed in this process (for the time spent shrinking). */
export const firstViolationAt = new Map<RuleId, number>();

/** Thrown inside a property when an answer breaks the rule under test; carries the evidence. */
export class Violation extends Error {
  override readonly name = 'Violation';
  constructor(
    readonly ruleId: RuleId,
    readonly reason: string,
    readonly testCase: Case,
    readonly exchange: Exchange,
  ) {
    super(`${ruleId}: ${reason}`);
    if (!firstViolationAt.has(ruleId)) firstViolationAt.set(ruleId, performance.now());
  }
}
