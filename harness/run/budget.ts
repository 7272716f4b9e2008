/** Thrown instead of sending a request that could create a snapshot once --max-creates is spent. */
export class CreateBudgetExhausted extends Error {
  override readonly name = 'CreateBudgetExhausted';
}

/**
 * Caps the snapshots a run may create (unbounded when max is undefined). The run owns one; each rule gets a
 * share of it (`share`), planned in harness/run/plan.ts, so no rule can spend another's creates.
 */
export class CreateBudget {
  private used = 0;
  /** an endpoint accepted a request it should have refused: it can create where we did not plan to */
  unexpectedCreates = 0;
  constructor(
    readonly max?: number,
    private readonly parent?: CreateBudget,
  ) {}

  get remaining(): number {
    const own = this.max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, this.max - this.used);
    return this.parent ? Math.min(own, this.parent.remaining) : own;
  }

  get spent(): number {
    return this.used;
  }

  /** A rule's share: at most `max` creates, and never more than the run has left. */
  share(max: number | undefined): CreateBudget {
    return new CreateBudget(max, this);
  }

  /** Reserve one create before sending; throws when none is left. */
  take(): void {
    if (this.remaining <= 0) throw new CreateBudgetExhausted(`create budget spent (--max-creates ${this.root().max})`);
    this.used++;
    this.parent?.take();
  }

  /** Count a create that happened although none was expected (an endpoint accepted a request it should refuse). */
  record(): void {
    this.used++;
    this.unexpectedCreates++;
    this.parent?.record();
  }

  /**
   * May a request that could create (owned target, existing source) but is expected to be refused be sent?
   * Yes, until the endpoint has shown it creates where it should refuse and the run's budget is spent.
   */
  allowsUnplanned(): boolean {
    const root = this.root();
    return root.unexpectedCreates === 0 || root.remaining > 0;
  }

  private root(): CreateBudget {
    return this.parent ? this.parent.root() : this;
  }
}
