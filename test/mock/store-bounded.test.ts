// The mock's store stays cheap as it grows: listing pages walk from the marker in name order (kept sorted on
// every put and remove, never re-sorted per request) and the manual count used by the quota is kept, not counted.
import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mock/reference.js';
import { referenceFixtures } from '../../mock/index.js';

const form = (params: Record<string, string>) => new TextEncoder().encode(new URLSearchParams({ Version: '2015-02-02', ...params }).toString());
const post = (params: Record<string, string>) => ({ method: 'POST', query: '', body: form(params) });

describe('reference mock store, grown to hundreds of snapshots', () => {
  it('pages DescribeSnapshots in name order with markers, across puts and deletes, and keeps the manual count', () => {
    const mock = createMockCore({ settleMs: 0 });
    const names = Array.from({ length: 300 }, (_, i) => `Grow-${((i * 7919) % 300).toString().padStart(3, '0')}`);
    for (const name of names) expect(mock.answerWire(post({ Action: 'CopySnapshot', SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: name })).status).toBe(200);
    for (const name of names.slice(0, 40)) expect(mock.answerWire(post({ Action: 'DeleteSnapshot', SnapshotName: name })).status).toBe(200);

    const listed: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 20; page++) {
      const body = mock.answerWire(post({ Action: 'DescribeSnapshots', MaxRecords: '50', ...(marker ? { Marker: marker } : {}) })).body;
      listed.push(...[...body.matchAll(/<SnapshotName>([^<]*)<\/SnapshotName>/g)].map((m) => m[1]!));
      marker = /<Marker>([^<]*)<\/Marker>/.exec(body)?.[1];
      if (!marker) break;
    }
    const expected = [...mock.store.snapshots.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(listed.map((n) => n.toLowerCase())).toEqual(expected);
    expect(listed).toHaveLength(mock.store.snapshots.size);

    const manual = [...mock.store.snapshots.values()].filter((s) => s.snapshot.SnapshotSource === 'manual').length;
    expect(mock.store.manualCount()).toBe(manual);
    mock.reset();
    expect(mock.store.manualCount()).toBe([...mock.store.snapshots.values()].filter((s) => s.snapshot.SnapshotSource === 'manual').length);
    expect(mock.store.list().map((s) => s.snapshot.SnapshotName!.toLowerCase())).toEqual([...mock.store.snapshots.keys()].sort());
  });

  it('filters before paging: a source filter and a marker still give full pages', () => {
    const mock = createMockCore({ settleMs: 0 });
    for (let i = 0; i < 60; i++) mock.answerWire(post({ Action: 'CopySnapshot', SourceSnapshotName: referenceFixtures.sourceSnapshot!, TargetSnapshotName: `f-${String(i).padStart(2, '0')}` }));
    const body = mock.answerWire(post({ Action: 'DescribeSnapshots', MaxRecords: '20', SnapshotSource: 'user', Marker: 'f-09' })).body;
    const names = [...body.matchAll(/<SnapshotName>([^<]*)<\/SnapshotName>/g)].map((m) => m[1]!);
    expect(names).toHaveLength(20);
    expect(names[0]).toBe('f-10');
    expect(/<Marker>([^<]*)<\/Marker>/.exec(body)?.[1]).toBe('f-29');
  });
});
