// The SDK's reading of a success answer is reused for answers of the same shape: the reuse must never
// change a verdict, whatever the names, times, numbers and booleans in the answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sdkParse, sdkParseKey, sdkParseNow } from '../../harness/checks/sdk-parse.js';
import { successXml } from '../../protocol/index.js';
import type { WireAnswer } from '../../harness/transport/index.js';

const answer = (body: string): WireAnswer => ({ status: 200, headers: { 'content-type': 'text/xml' }, body, rawBytes: body.length, truncated: false, ms: 0 });

const name = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.constantFrom('', ' ', ' x ', 'A&amp;B', '0001'));
const time = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', 'yesterday', '', '2026-01-01T00:00:00', '2026-01-01T00:00:00.123456Z', '1767225600') },
);
// few values of the typed members, so shapes repeat and the reuse is exercised
const usually = <T>(common: T, others: T[]) => fc.oneof({ weight: 6, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
const integer = usually('6379', ['0', 'abc', '', '1.5', '-1', '99999999999999999999']);
const bool = usually('true', ['false', 'yes', '', 'TRUE']);
const extra = usually('', ['<Unknown>1</Unknown>', '<Port>1</Port>', '<SnapshotName>second</SnapshotName>']);

/** A success answer with the members whose text varies between copies and those the SDK types. */
const body = fc
  .record({ name, arn: name, requestId: name, created: time, nodeTime: time, port: integer, auto: bool, extra, nodes: fc.boolean() })
  .map((a) =>
    successXml(
      'CopySnapshot',
      `<Snapshot><SnapshotName>${a.name}</SnapshotName><ARN>arn:${a.arn}</ARN><CacheClusterCreateTime>${a.created}</CacheClusterCreateTime>` +
        `<Port>${a.port}</Port><AutoMinorVersionUpgrade>${a.auto}</AutoMinorVersionUpgrade>${a.extra}` +
        (a.nodes ? `<NodeSnapshots><NodeSnapshot><CacheNodeId>0001</CacheNodeId><SnapshotCreateTime>${a.nodeTime}</SnapshotCreateTime></NodeSnapshot></NodeSnapshots>` : '') +
        '</Snapshot>',
      a.requestId,
    ),
  );

/** What the check reads of a parse: whether it parsed, and whether a SnapshotName was found. */
const verdict = (p: Awaited<ReturnType<typeof sdkParse>>) => (p.ok ? { ok: true, named: p.snapshotName !== undefined } : { ok: false });

describe('sdkParse: the SDK reading, reused by shape', () => {
  it('gives the verdict the SDK itself gives, answer after answer', async () => {
    let hits = 0;
    const verdicts = new Set<boolean>();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(body, async (xml) => {
        const a = answer(xml);
        const key = sdkParseKey(a);
        if (key !== undefined && seen.has(key)) hits++;
        if (key !== undefined) seen.add(key);
        const reused = await sdkParse(a);
        verdicts.add(reused.ok);
        expect(verdict(reused), xml).toEqual(verdict(await sdkParseNow(a)));
      }),
      { numRuns: 400, seed: 5 },
    );
    // a reuse that never happens tests nothing
    expect(hits).toBeGreaterThan(50);
    // and answers the SDK refuses (a timestamp it cannot read) came up too
    expect([...verdicts].sort()).toEqual([false, true]);
  });

  it('keeps what the SDK types in the key, and leaves what is not plain out', () => {
    const base = (port: string, time = '2026-01-02T03:04:05Z') =>
      answer(successXml('CopySnapshot', `<Snapshot><SnapshotName>a</SnapshotName><Port>${port}</Port><CacheClusterCreateTime>${time}</CacheClusterCreateTime></Snapshot>`, 'r'));
    expect(sdkParseKey(base('1'))).toBe(sdkParseKey(base('1', '2025-12-28T23:59:59.5Z')));
    expect(sdkParseKey(base('1'))).not.toBe(sdkParseKey(base('2')));
    expect(sdkParseKey(base('1'))).not.toBe(sdkParseKey(base('1', '2026-02-29T00:00:00Z')));
    expect(sdkParseKey(answer('<a>&amp;</a>'))).toBeUndefined();
    expect(sdkParseKey(answer('<a><![CDATA[x]]></a>'))).toBeUndefined();
  });
});
