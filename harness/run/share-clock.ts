// A rule's own duration when several run at once (--concurrency). All rules share one event loop: a rule's wall
// time would include the time the loop spent on the other rules in flight, so with --concurrency 8 every rule of a
// batch showed about the batch's time. Here busy loop time is shared out (n rules in flight: each is charged 1/n of
// it), while idle time (waiting on the network or a timer) is every waiting rule's own. With --concurrency 1 a
// rule's duration is its wall time; against the in-process mock the durations add up to the run's rule phase.
import { performance } from 'node:perf_hooks';

export class ShareClock {
  private inFlight = 0;
  /** ms charged to each rule in flight since the clock started */
  private charged = 0;
  private lastAt: number;
  private lastIdle: number;

  constructor(
    private readonly now: () => number = () => performance.now(),
    /** the event loop's idle ms so far (injected by tests) */
    private readonly idleMs: () => number = () => performance.eventLoopUtilization().idle,
  ) {
    this.lastAt = now();
    this.lastIdle = idleMs();
  }

  private advance(): void {
    const at = this.now();
    const idleNow = this.idleMs();
    const elapsed = Math.max(0, at - this.lastAt);
    const idle = Math.min(elapsed, Math.max(0, idleNow - this.lastIdle));
    if (this.inFlight > 0) this.charged += idle + (elapsed - idle) / this.inFlight;
    this.lastAt = at;
    this.lastIdle = idleNow;
  }

  /** A rule starts; keep the mark for `leave`. */
  enter(): number {
    this.advance();
    this.inFlight++;
    return this.charged;
  }

  /** The rule ends: its own ms since `enter`. */
  leave(mark: number): number {
    this.advance();
    this.inFlight = Math.max(0, this.inFlight - 1);
    return this.charged - mark;
  }
}
