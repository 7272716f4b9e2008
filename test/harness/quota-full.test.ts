// A declared snapshot quota fills up with the run's own copies: a copy the contract accepts that then gets
// SnapshotQuotaExceededFault stops its rule without failing it (inconclusive when nothing was judged).
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.js';
import { runSuite } from '../../cli/entry.js';

describe('a run against a pristine mock with a small declared quota', () => {
  it('has no false failures: rules stopped by the full quota are inconclusive and say why', async () => {
    const config = await resolveConfig({}, { fixtures: { snapshotQuota: 60 }, seed: 3 });
    const result = await runSuite(config);
    expect(result.rules.filter((r) => r.verdict === 'fail' || r.verdict === 'warn').map((r) => `${r.id}: ${r.failure?.reason}`)).toEqual([]);
    const stopped = result.rules.filter((r) => /snapshot quota \(60\) is full/.test(r.reason ?? ''));
    // what makes the test bite: the quota really filled up and stopped rules that expect accepted copies
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) expect(['inconclusive', 'pass']).toContain(r.verdict);
    expect(result.rules.find((r) => r.id === 'quota.snapshot-quota')!.verdict).toBe('pass');
  }, 60_000);

  it('without a declared quota the same answer stays a failure (an endpoint may not invent one)', async () => {
    const { quotaFull } = await import('../../harness/run/quota-full.js');
    const ex = { request: { method: 'POST', path: '/', body: '' }, parsed: { kind: 'error', status: 400, rootName: 'ErrorResponse', code: 'SnapshotQuotaExceededFault', missing: [] } } as never;
    const ctx = (quota?: number, isAws = false) => ({ fixtures: quota === undefined ? {} : { snapshotQuota: quota }, target: { isAws } }) as never;
    expect(quotaFull(ctx(), 'tags.up-to-50-accepted', ex, true)).toBeUndefined();
    expect(quotaFull(ctx(60), 'quota.snapshot-quota', ex, true)).toBeUndefined();
    expect(quotaFull(ctx(60), 'tags.up-to-50-accepted', ex, false)).toBeUndefined();
    expect(quotaFull(ctx(60), 'tags.up-to-50-accepted', ex, true)?.message).toMatch(/quota \(60\) is full/);
    expect(quotaFull(ctx(undefined, true), 'tags.up-to-50-accepted', ex, true)?.message).toMatch(/quota is full/);
  });
});
