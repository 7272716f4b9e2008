import { describe, expect, it } from 'vitest';
import { redactDeep } from '../../reports/index.js';
import { authorizationHeader, secrets } from './fixture.js';

describe('redactDeep', () => {
  it('replaces values under secret-looking keys, at any depth, and redacts every string', () => {
    const out = redactDeep({
      a: { b: [{ secretAccessKey: secrets.secretAccessKey, sessionToken: secrets.sessionToken, password: 'hunter2hunter2' }] },
      headers: { Authorization: 'Basic dXNlcjpwYXNz', 'X-Amz-Security-Token': secrets.sessionToken, Cookie: 'sid=1' },
      line: authorizationHeader,
      keep: { accessKeyId: secrets.accessKeyId, region: 'us-east-1', emptySecret: '' },
    });
    const text = JSON.stringify(out);
    for (const value of [secrets.secretAccessKey, secrets.sessionToken, secrets.authSignature, 'hunter2', 'dXNlcjpwYXNz', 'sid=1']) expect(text).not.toContain(value);
    expect(out).toMatchObject({ keep: { accessKeyId: secrets.accessKeyId, region: 'us-east-1', emptySecret: '' }, line: 'Authorization: [REDACTED]' });
  });

  it('turns anything into plain JSON without throwing: cycles, shared objects, dates, bigints, non-finite numbers', () => {
    const shared = { name: 'shared' };
    const cyclic: Record<string, unknown> = { shared, again: shared, when: new Date('2026-01-01T00:00:00Z'), big: 10n, nan: Number.NaN, f: () => 1 };
    cyclic.self = cyclic;
    const out = redactDeep(cyclic) as Record<string, unknown>;
    expect(out).toEqual({ shared: { name: 'shared' }, again: { name: 'shared' }, when: '2026-01-01T00:00:00.000Z', big: '10', nan: null, self: '[circular]' });
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
