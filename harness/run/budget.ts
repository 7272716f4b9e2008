/** Thrown instead of sending a request that could create a snapshot once --max-creates is spent. */
export class CreateBudgetExhausted extends Error {
  override readonly name = 'CreateBudgetExhausted';
}

/** Caps the snapshots a run may create (unbounded when max is undefined). */
export class CreateBudget {
  private used = 0;
  constructor(readonly max?: number) {}

  get remaining(): number {
    return this.max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, this.max - this.used);
  }

  get spent(): number {
    return this.used;
  }

  /** Reserve one create before sending; throws when none is left. */
  take(): void {
    if (this.remaining <= 0) throw new CreateBudgetExhausted(`create budget spent (--max-creates ${this.max})`);
    this.used++;
  }

  /** Count a create that happened although none was expected (an endpoint accepted a request it should refuse). */
  record(): void {
    this.used++;
  }
}
