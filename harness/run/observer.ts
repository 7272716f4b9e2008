// Every answer of the run, whichever rule's case sent it, is held to the envelope invariants
// (docs/contract.md#checks-on-every-answer). The envelope rules' verdicts include these.
import type { RuleId } from '../../specs/rules.js';
import { answerChecks } from '../checks/index.js';
import type { Case } from '../../generators/types.js';
import type { Exchange } from './exchange-types.js';

export interface ObservedViolation {
  reason: string;
  case: Case;
  exchange: Exchange;
}

export class AnswerObserver {
  /** answers each envelope rule judged */
  readonly judged = new Map<RuleId, number>();
  /** the first answer that broke each envelope rule */
  readonly violations = new Map<RuleId, ObservedViolation>();
  private readonly pending = new Set<Promise<void>>();

  /** Judge `ex` (the answer to `c`) against every envelope rule that speaks about it. */
  observe(c: Case, ex: Exchange): void {
    for (const [id, check] of answerChecks) {
      if (!check.applies(ex)) continue;
      this.judged.set(id, (this.judged.get(id) ?? 0) + 1);
      if (this.violations.has(id)) continue;
      const why = check.check(ex);
      if (typeof why === 'string') this.violations.set(id, { reason: why, case: c, exchange: ex });
      else if (why instanceof Promise) {
        const done = why.then((w) => {
          if (w && !this.violations.has(id)) this.violations.set(id, { reason: w, case: c, exchange: ex });
        }, () => undefined).finally(() => this.pending.delete(done));
        this.pending.add(done);
      }
    }
  }

  /** Wait for checks still running (the SDK parse of success answers). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
