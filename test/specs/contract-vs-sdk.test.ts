// Cross-checks the hand-written contract against the schemas the installed SDK exports,
// so a typing error in specs/ fails `npm test`.
import * as sdk from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { contract, faults, requestMembers, snapshotMembers, codePointLength, ruleList } from '../../specs/contract.js';

type ErrorSchema = [number, string, string, { awsQueryError?: [string, number]; error?: string; httpError?: number }];
type StructSchema = [number, string, string, unknown, string[], unknown[], number?];

const schemas = sdk as unknown as Record<string, unknown>;

function errorSchema(shape: string): ErrorSchema {
  const schema = schemas[`${shape}$`];
  if (!Array.isArray(schema)) throw new Error(`SDK exports no schema ${shape}$`);
  return schema as ErrorSchema;
}

describe('contract faults against the SDK schemas', () => {
  const modelled = Object.values(faults).filter((f) => f.scope === 'CopySnapshot');

  it('lists the seven faults of the seed', () => {
    expect(modelled.map((f) => f.code).sort()).toEqual([
      'InvalidParameterCombination',
      'InvalidParameterValue',
      'InvalidSnapshotState',
      'SnapshotAlreadyExistsFault',
      'SnapshotNotFoundFault',
      'SnapshotQuotaExceededFault',
      'TagQuotaPerResourceExceeded',
    ]);
  });

  it.each(modelled.map((f) => [f.shape, f] as const))('%s: wire code, status and fault type match awsQueryError', (shape, f) => {
    const [, , name, traits] = errorSchema(shape);
    expect(name).toBe(shape);
    expect(traits.awsQueryError).toEqual([f.code, f.status]);
    expect(traits.httpError).toBe(f.status);
    expect(traits.error).toBe('client');
    expect(f.type).toBe('Sender');
  });

  it('the SDK exception classes exist for the modelled shapes', () => {
    for (const f of modelled) expect(typeof schemas[f.shape]).toBe('function');
  });
});

describe('request and result members against the SDK schemas', () => {
  it('CopySnapshotMessage has the five members in model order, the first two required', () => {
    const [, , , , names, , required] = schemas['CopySnapshotMessage$'] as StructSchema;
    expect(names).toEqual(requestMembers.map((m) => m.name));
    expect(required).toBe(requestMembers.filter((m) => m.required).length);
    expect(requestMembers.slice(0, required).every((m) => m.required)).toBe(true);
  });

  it('Snapshot has the contract members in model order', () => {
    const [, , , , names] = schemas['Snapshot$'] as StructSchema;
    expect(names).toEqual(snapshotMembers.map((m) => m.name));
  });

  it('the Tag list member is serialized as Tags.Tag.N', () => {
    const tags = requestMembers.find((m) => m.name === 'Tags');
    expect(tags?.wireKeys).toContain('Tags.Tag.N.Key');
  });
});

describe('rules', () => {
  it('every rule has a unique stable ID of the form family.name, a source and a grade', () => {
    const ids = ruleList.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ruleList) {
      expect(r.id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
      expect(r.id.startsWith(`${r.family}.`)).toBe(true);
      expect(r.sources.length).toBeGreaterThan(0);
      expect(['documented', 'observed', 'inferred']).toContain(r.grade);
      if (r.kind === 'request') expect(r.expect.length).toBeGreaterThan(0);
    }
  });

  it('every fault code a rule expects is one the contract knows, with its modelled status', () => {
    for (const r of ruleList)
      for (const o of r.expect) {
        if (!o.code) continue;
        const f = Object.values(faults).find((x) => x.code === o.code);
        expect(f, `${r.id} expects unknown code ${o.code}`).toBeDefined();
        expect(o.status).toBe(f!.status);
      }
  });

  it('every seed fault and every seed export message is covered by some rule', () => {
    const codes = new Set(ruleList.flatMap((r) => r.expect.map((o) => o.code)));
    for (const f of Object.values(faults).filter((x) => x.scope === 'CopySnapshot')) expect(codes).toContain(f.code);
    const messages = new Set(ruleList.flatMap((r) => r.expect.map((o) => o.message)));
    for (const id of Object.keys(contract.exportMessages)) expect(messages).toContain(id);
  });

  it('counts lengths in code points', () => {
    expect(codePointLength('😀'.repeat(128))).toBe(128);
    expect('😀'.repeat(128).length).toBe(256);
  });
});
