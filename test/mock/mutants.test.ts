// Every planted-bug variant answers differently from the pristine mock on a request shown here,
// and names real rule IDs that cover every rule family.
import { describe, expect, it } from 'vitest';
import { createReferenceMock, mutants, snapshotArn, type ReferenceMock } from '../../mock/index.js';
import type { MockOptions } from '../../mock/handlers.js';
import { encodeFormComponent } from '../../protocol/index.js';
import { families, ruleById } from '../../specs/rules.js';
import { service } from '../../specs/members.js';

const C = `Action=CopySnapshot&Version=${service.version}`;
const copy = (params: string) => `${C}&SourceSnapshotName=conformance-source&${params}`;
const tags = (n: number) => Array.from({ length: n }, (_, i) => `Tags.Tag.${i + 1}.Key=k${i}`).join('&');
const describeName = (name: string) => `Action=DescribeSnapshots&Version=${service.version}&SnapshotName=${name}`;

/** The requests (form bodies, sent in order) that tell each variant from the pristine mock. */
const scenarios: Record<string, { requests: string[]; options?: MockOptions }> = {
  'blank-target-accepted': { requests: [copy('TargetSnapshotName=')] },
  'missing-source-500': { requests: [`${C}&TargetSnapshotName=x`] },
  'not-found-400': { requests: [`${C}&SourceSnapshotName=nope&TargetSnapshotName=x`] },
  'accepts-51-tags': { requests: [copy(`TargetSnapshotName=t&${tags(51)}`)] },
  'tag-length-utf16': { requests: [copy(`TargetSnapshotName=t&Tags.Tag.1.Key=${encodeFormComponent('😀'.repeat(100))}`)] },
  'key-129-accepted': { requests: [copy(`TargetSnapshotName=t&Tags.Tag.1.Key=${'k'.repeat(129)}`)] },
  'value-length-unchecked': { requests: [copy(`TargetSnapshotName=t&Tags.Tag.1.Key=k&Tags.Tag.1.Value=${'v'.repeat(257)}`)] },
  'aws-prefix-case-sensitive': { requests: [copy('TargetSnapshotName=t&Tags.Tag.1.Key=AWS%3Ax')] },
  'empty-tag-key-accepted': { requests: [copy('TargetSnapshotName=t&Tags.Tag.1.Value=v')] },
  'case-sensitive-names': { requests: [copy('TargetSnapshotName=bar-x'), copy('TargetSnapshotName=BAR-X')] },
  'copy-onto-self-allowed': { requests: [copy('TargetSnapshotName=conformance-source')] },
  'uniqueness-only-initial': { requests: [copy('TargetSnapshotName=twice'), copy('TargetSnapshotName=twice')] },
  'pending-source-copied': { requests: [`${C}&SourceSnapshotName=conformance-pending&TargetSnapshotName=p`] },
  'state-code-with-fault-suffix': { requests: [`${C}&SourceSnapshotName=conformance-pending&TargetSnapshotName=p`] },
  'export-message-wrong': { requests: [copy('TargetSnapshotName=e&TargetBucket=conformance-no-write')] },
  'kms-with-bucket-accepted': { requests: [copy('TargetSnapshotName=e&TargetBucket=conformance-export-ok&KmsKeyId=k')] },
  'empty-bucket-is-export': { requests: [copy('TargetSnapshotName=e&TargetBucket=')] },
  'quota-ignored': { requests: [copy('TargetSnapshotName=over-quota')], options: { quota: 2 } },
  'error-without-requestid': { requests: [`${C}&SourceSnapshotName=nope&TargetSnapshotName=x`] },
  'error-type-receiver': { requests: [`${C}&SourceSnapshotName=nope&TargetSnapshotName=x`] },
  'success-wrong-namespace': { requests: [copy('TargetSnapshotName=ok')] },
  'empty-tags-list-500': { requests: [copy('TargetSnapshotName=t&Tags=')] },
  'duplicate-form-keys-500': { requests: [copy('TargetSnapshotName=a&TargetSnapshotName=b')] },
  'refused-copy-still-stored': { requests: [copy(`TargetSnapshotName=r&${tags(51)}`), describeName('r')] },
  'accepted-copy-not-listed': { requests: [copy('TargetSnapshotName=listed'), describeName('listed')] },
  'source-tags-not-copied': { requests: [copy('TargetSnapshotName=tagged'), `Action=ListTagsForResource&Version=${service.version}&ResourceName=${encodeFormComponent(snapshotArn('tagged'))}`] },
  'name-not-lowercased': { requests: [copy('TargetSnapshotName=MiXed')] },
  'answers-as-json-content-type': { requests: [copy('TargetSnapshotName=ok'), `${C}&SourceSnapshotName=nope&TargetSnapshotName=x`] },
  'request-id-header-differs': { requests: [copy('TargetSnapshotName=ok'), `${C}&SourceSnapshotName=nope&TargetSnapshotName=x`] },
};

/** Status, the headers the contract names, and body of each answer, with the per-request IDs and times taken out. */
async function transcript(mock: ReferenceMock, requests: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const body of requests) {
    const res = await mock.answer(new Request('http://mock.test/', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    const raw = await res.text();
    const bodyId = /<RequestId>([^<]*)<\/RequestId>/.exec(raw)?.[1];
    const idHeader = res.headers.get('x-amzn-requestid');
    const head = `content-type=${res.headers.get('content-type')} request-id-header=${idHeader === null ? 'absent' : idHeader === bodyId ? 'same' : 'differs'}`;
    const text = raw.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');
    out.push(`${res.status} ${head} ${text}`);
  }
  return out;
}

const required = [
  'accepts-51-tags', 'uniqueness-only-initial', 'tag-length-utf16', 'case-sensitive-names', 'not-found-400', 'state-code-with-fault-suffix',
  'copy-onto-self-allowed', 'pending-source-copied', 'name-not-lowercased', 'error-without-requestid', 'error-type-receiver', 'empty-tags-list-500',
  'refused-copy-still-stored', 'export-message-wrong', 'kms-with-bucket-accepted', 'accepted-copy-not-listed', 'source-tags-not-copied',
  'empty-bucket-is-export', 'quota-ignored', 'success-wrong-namespace', 'duplicate-form-keys-500',
];

describe('planted-bug variants', () => {
  it('are at least 18, with unique IDs, including every required one', () => {
    const ids = mutants.map((m) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(18);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(required));
  });

  it('name existing rule IDs, and together cover every rule family', () => {
    const covered = new Set<string>();
    for (const m of mutants) {
      expect(m.breaks.length).toBeGreaterThan(0);
      for (const id of m.breaks) covered.add(ruleById(id).family);
    }
    expect([...covered].sort()).toEqual([...families].sort());
  });

  it('each have a scenario here', () => {
    expect(Object.keys(scenarios).sort()).toEqual(mutants.map((m) => m.id).sort());
  });

  it.each(mutants.map((m) => [m.id, m] as const))('%s answers differently from the pristine mock', async (id, m) => {
    const { requests, options = {} } = scenarios[id]!;
    const pristine = await transcript(createReferenceMock({ settleMs: 0, ...options }), requests);
    const planted = await transcript(m.create({ settleMs: 0, ...options }), requests);
    expect(planted).not.toEqual(pristine);
    // the pristine mock never answers 5xx
    for (const line of pristine) expect(Number(line.slice(0, 3))).toBeLessThan(500);
  });

  it('leave the pristine mock untouched (creating a variant changes no shared state)', async () => {
    for (const m of mutants) m.create();
    const [line] = await transcript(createReferenceMock(), [copy('TargetSnapshotName=')]);
    expect(line).toMatch(/^400 .*<Code>InvalidParameterValue<\/Code>/s);
  });
});
