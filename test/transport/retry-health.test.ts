// Throttling is retried with backoff and never returned; EndpointHealth counts only "nobody there" failures.
import { describe, expect, it } from 'vitest';
import { createHttpTarget, EndpointHealth, throttleCodeOf, TransportError, withThrottleRetry, type Send, type ThrottleEvent, type WireAnswer } from '../../harness/transport/index.js';
import { throttlesThenAnswers } from '../fixtures/broken-servers.js';

const answer = (status: number, body: string): WireAnswer => ({ status, headers: {}, body, rawBytes: body.length, truncated: false, ms: 1 });
const throttled = (code: string) => answer(400, `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>Rate exceeded</Message></Error></ErrorResponse>`);

function scripted(answers: WireAnswer[]): { send: Send; calls: () => number } {
  let i = 0;
  return { send: async () => answers[Math.min(i++, answers.length - 1)]!, calls: () => i };
}

describe('withThrottleRetry', () => {
  it.each(['Throttling', 'ThrottlingException', 'RequestLimitExceeded'])('retries %s with growing, jittered delays and returns the real answer', async (code) => {
    const { send, calls } = scripted([throttled(code), throttled(code), throttled(code), answer(200, '<ok/>')]);
    const events: ThrottleEvent[] = [];
    const retrying = withThrottleRetry(send, { baseDelayMs: 10, onThrottle: (e) => events.push(e) });
    expect(await retrying({ method: 'POST', path: '/', body: '' })).toMatchObject({ status: 200, body: '<ok/>' });
    expect(calls()).toBe(4);
    expect(events.map((e) => [e.code, e.retry])).toEqual([
      [code, 1],
      [code, 2],
      [code, 3],
    ]);
    // equal jitter: retry n waits between half and all of base·2^(n-1)
    events.forEach((e, n) => {
      expect(e.delayMs).toBeGreaterThanOrEqual(5 * 2 ** n);
      expect(e.delayMs).toBeLessThanOrEqual(10 * 2 ** n);
    });
  });

  it('after maxRetries fails with TransportError other "throttled", never returning the throttle as a verdict', async () => {
    const { send, calls } = scripted([throttled('Throttling')]);
    const error = await withThrottleRetry(send, { maxRetries: 2, baseDelayMs: 1 })({ method: 'POST', path: '/', body: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'other' });
    expect((error as Error).message).toMatch(/^throttled \(Throttling\) 3 times/);
    expect(calls()).toBe(3);
  });

  it('passes other errors and 200 answers that merely mention Throttling straight through', async () => {
    for (const a of [answer(400, '<Code>InvalidParameterValue</Code>'), answer(200, '<Message><Code>Throttling</Code></Message>')]) {
      const { send, calls } = scripted([a]);
      expect(await withThrottleRetry(send, { baseDelayMs: 1 })({ method: 'POST', path: '/', body: '' })).toBe(a);
      expect(calls()).toBe(1);
    }
    expect(throttleCodeOf(throttled('Throttling'))).toBe('Throttling');
    expect(throttleCodeOf(throttled('ThrottlingExceptionX'))).toBeUndefined();
  });

  it('an abort during the backoff stops at once', async () => {
    const { send } = scripted([throttled('Throttling')]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await expect(withThrottleRetry(send, { baseDelayMs: 10_000 })({ method: 'POST', path: '/', body: '' }, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('works over a real HTTP target against a throttling server', async () => {
    const spec = throttlesThenAnswers(2);
    const server = await spec.start();
    const target = createHttpTarget(server.url, { timeoutMs: 1000, credentials: { accessKeyId: 'AKIDT', secretAccessKey: 'throttle-secret-000000' } });
    let reported = 0;
    try {
      const a = await withThrottleRetry(target.send, { baseDelayMs: 5, onThrottle: () => reported++ })({ method: 'POST', path: '/', body: 'Action=CopySnapshot' });
      expect(a.status).toBe(200);
      expect(spec.requests()).toBe(3);
      expect(reported).toBe(2);
    } finally {
      await target.close();
      await server.close();
    }
  });
});

describe('EndpointHealth', () => {
  it('is down after N consecutive unreachable failures, reset by any answer', () => {
    const h = new EndpointHealth(3);
    h.failure('timeout');
    h.failure('refused');
    h.success();
    h.failure('timeout');
    h.failure('reset');
    expect(h.isDown()).toBe(false);
    h.failure('dns', 'host name of x not found');
    expect(h.isDown()).toBe(true);
    expect(h.consecutiveFailures).toBe(3);
    expect(h.reason()).toBe('the endpoint failed 3 times in a row (last: dns: host name of x not found)');
  });

  it('does not count answers of a sort (protocol, too-large, other) and counts a kind-less failure', () => {
    const h = new EndpointHealth(2);
    for (const kind of ['protocol', 'too-large', 'other', 'aborted'] as const) h.failure(kind);
    expect(h.isDown()).toBe(false);
    h.failure();
    h.failure();
    expect(h.isDown()).toBe(true);
    expect(h.reason()).toContain('2 times in a row');
  });
});
