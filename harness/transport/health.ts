// Counts consecutive failures that mean "nobody is there": after `limit` in a row the endpoint is taken as
// down, so the runner stops (exit 3) instead of waiting timeout × every remaining request.
import type { TransportErrorKind } from './errors.js';

/** Kinds that say the endpoint is unreachable; 'protocol', 'too-large', 'other' are answers of a sort. */
const downKinds: ReadonlySet<TransportErrorKind> = new Set(['timeout', 'refused', 'reset', 'dns']);

export class EndpointHealth {
  private consecutive = 0;
  private last: { kind: TransportErrorKind | undefined; message: string | undefined } | undefined;

  constructor(readonly limit = 3) {}

  /** Any answer (whatever its status) proves the endpoint is up. */
  success(): void {
    this.consecutive = 0;
    this.last = undefined;
  }

  /** A failed exchange; without a kind it counts (the caller knows best), with one only the unreachable kinds do. */
  failure(kind?: TransportErrorKind, message?: string): void {
    if (kind !== undefined && !downKinds.has(kind)) return;
    this.consecutive++;
    this.last = { kind, message };
  }

  /** Convenience: record a TransportError (or anything with `kind`/`message`). */
  record(error: { kind: TransportErrorKind; message: string }): void {
    this.failure(error.kind, error.message);
  }

  get consecutiveFailures(): number {
    return this.consecutive;
  }

  isDown(): boolean {
    return this.consecutive >= this.limit;
  }

  /** One line for the exit-3 message, once down. */
  reason(): string | undefined {
    if (!this.isDown()) return undefined;
    const what = this.last?.kind ? `${this.last.kind}${this.last.message ? `: ${this.last.message}` : ''}` : 'transport failures';
    return `the endpoint failed ${this.consecutive} times in a row (last: ${what})`;
  }
}
