// One deadline per request: a timeout and the caller's abort signal, raced against any promise.
import { TransportError } from './errors.js';

export interface Deadline {
  /** settles like `p`, or rejects with TransportError('timeout' | 'aborted') first */
  race<T>(p: Promise<T>): Promise<T>;
  /** called once when the deadline fires (timeout or abort), e.g. to destroy a socket */
  onFire(fn: (error: TransportError) => void): void;
  clear(): void;
}

export function startDeadline(timeoutMs: number, signal?: AbortSignal, what = 'complete answer'): Deadline {
  let fired: TransportError | undefined;
  const listeners: ((error: TransportError) => void)[] = [];
  let rejectAll: ((e: TransportError) => void)[] = [];
  const fire = (error: TransportError) => {
    if (fired) return;
    fired = error;
    clearTimeout(timer);
    for (const r of rejectAll) r(error);
    rejectAll = [];
    for (const fn of listeners) fn(error);
  };
  const onAbort = () => fire(new TransportError('aborted', 'the run was interrupted'));
  const timer = setTimeout(() => fire(new TransportError('timeout', `no ${what} within ${timeoutMs} ms`)), timeoutMs);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    race<T>(p: Promise<T>): Promise<T> {
      if (fired) return Promise.reject(fired);
      return new Promise<T>((resolve, reject) => {
        rejectAll.push(reject);
        p.then(resolve, reject);
      });
    },
    onFire(fn) {
      if (fired) fn(fired);
      else listeners.push(fn);
    },
    clear() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      rejectAll = [];
    },
  };
}
