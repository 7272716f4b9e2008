// Throttling is the endpoint's flow control, not a verdict: retry it with exponential backoff and jitter.
import { TransportError } from './errors.js';
import type { Send, SendOptions, WireAnswer, WireRequest } from './types.js';

export const throttleCodes: readonly string[] = ['Throttling', 'ThrottlingException', 'RequestLimitExceeded'];

const codePattern = /<Code>\s*([^<\s]+)\s*<\/Code>/;

/** The throttling error code of an answer, if it is one (an error status with a throttling `<Code>`). */
export function throttleCodeOf(answer: WireAnswer): string | undefined {
  if (answer.status < 400) return undefined;
  const code = codePattern.exec(answer.body)?.[1];
  return code !== undefined && throttleCodes.includes(code) ? code : undefined;
}

export interface ThrottleEvent {
  code: string;
  /** 1 for the first retry */
  retry: number;
  delayMs: number;
}

export interface ThrottleRetryOptions {
  /** retries after the first attempt; default 5 */
  maxRetries?: number;
  /** first backoff; default 100 ms, doubling per retry, capped at maxDelayMs */
  baseDelayMs?: number;
  /** default 20 s */
  maxDelayMs?: number;
  onThrottle?: (event: ThrottleEvent) => void;
  /** for tests */
  random?: () => number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TransportError('aborted', 'the run was interrupted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TransportError('aborted', 'the run was interrupted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `send` that never returns a throttling answer: it retries up to maxRetries times ("equal jitter": half the
 * exponential delay fixed, half random), then fails with TransportError('other', 'throttled …').
 */
export function withThrottleRetry(send: Send, options: ThrottleRetryOptions = {}): Send {
  const maxRetries = options.maxRetries ?? 5;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  return async (req: WireRequest, opts?: SendOptions) => {
    for (let retry = 0; ; retry++) {
      const answer = await send(req, opts);
      const code = throttleCodeOf(answer);
      if (code === undefined) return answer;
      if (retry >= maxRetries) throw new TransportError('other', `throttled (${code}) ${retry + 1} times in a row; lower --concurrency or try later`);
      const exp = Math.min(cap, base * 2 ** retry);
      const delayMs = Math.round(exp / 2 + (random() * exp) / 2);
      options.onThrottle?.({ code, retry: retry + 1, delayMs });
      await sleep(delayMs, opts?.signal);
    }
  };
}
