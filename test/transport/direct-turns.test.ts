// The in-process target answers in microtasks: without a turn of the event loop now and then, a rule sending
// case after case would hold back every timer (another rule's wait, the progress line) and every signal.
import { describe, expect, it } from 'vitest';
import { createDirectTarget } from '../../harness/transport/index.js';
import { createMockCore } from '../../mock/reference.js';

describe('direct in-process target', () => {
  it('lets a timer run while requests are answered back to back', async () => {
    const core = createMockCore({ settleMs: 0 });
    const target = createDirectTarget(core.answerWire, { timeoutMs: 5_000 });
    let fired = false;
    const timer = setTimeout(() => (fired = true), 5);
    const most = 50_000;
    let sent = 0;
    // the signal: the timer's own callback; the loop stops as soon as it has run
    while (!fired && sent < most) {
      await target.send({ method: 'POST', path: '/', body: 'Action=DescribeSnapshots&Version=2015-02-02&SnapshotName=missing' });
      sent++;
    }
    clearTimeout(timer);
    await target.close();
    // without turns the timer runs only after all 50,000 (seconds later); with them, after a few hundred at most
    expect(fired).toBe(true);
    expect(sent).toBeLessThan(most);
  });
});
