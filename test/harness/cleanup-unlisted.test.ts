// Cleanup never takes "not in the listing" for "gone" on its own: an endpoint whose plain DescribeSnapshots
// listing leaves a copy out (lag, or a status it does not list) still gets the run's copy deleted (by name).
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { cleanupOwned } from '../../harness/run/cleanup.js';
import { Ledger } from '../../harness/run/ledger.js';
import type { RunContext } from '../../harness/run/context.js';
import { createEmbeddedTarget } from '../../harness/transport/index.js';
import { createReferenceMock } from '../../mock/handlers.js';

describe('cleanup against a listing that leaves a created copy out', () => {
  it('deletes the created copy it cannot see listed, and confirms it by name', async () => {
    const mock = createReferenceMock({ settleMs: 0 });
    const prefix = 'csc-unlist01-';
    const name = `${prefix}copy`;
    const hidesTheCopy = http.post('*', async ({ request }) => {
      const body = await request.clone().text();
      if (!body.includes('Action=DescribeSnapshots') || body.includes('SnapshotName=')) return undefined;
      const answer = await mock.answer(request);
      const xml = (await answer.text()).replace(new RegExp(`<Snapshot>(?:(?!</Snapshot>).)*<SnapshotName>${name}</SnapshotName>(?:(?!</Snapshot>).)*</Snapshot>`, 'gs'), '');
      return new Response(xml, { status: answer.status, headers: answer.headers });
    });
    const target = createEmbeddedTarget([hidesTheCopy, ...mock.handlers], { timeoutMs: 5_000 });
    const made = await target.send({ method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=conformance-source&TargetSnapshotName=${name}` }, { timeoutMs: 5_000 });
    expect(made.status).toBe(200);
    // what makes the test bite: the listing really does not show it
    const listing = await target.send({ method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeSnapshots&Version=2015-02-02' }, { timeoutMs: 5_000 });
    expect(listing.body).not.toContain(name);
    expect(listing.body).toContain('conformance-source');
    expect(mock.store.get(name)).toBeDefined();
    const ledger = new Ledger('unlist01');
    ledger.intent(name);
    ledger.answer(name, 200, name);
    const ctx = { target, namePrefix: prefix, ledger } as unknown as RunContext;
    const outcome = await cleanupOwned(ctx, ledger.known(), 5_000);
    expect(outcome.left).toEqual([]);
    expect(outcome.deleted).toBe(1);
    expect(mock.store.get(name)).toBeUndefined();
    await target.close();
  });
});
