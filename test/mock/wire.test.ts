// Bad and unusual wire input through both transports: always a well-formed answer, never a 5xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../protocol/index.js';
import { maxBodyBytes } from '../../mock/index.js';
import { service } from '../../specs/members.js';
import { post, useTransports } from './transports.js';

const { transports } = useTransports();
const head = `Action=CopySnapshot&Version=${service.version}`;

/** Every answer of the mock: XML of the protocol, RequestId in the body equal to the header, text/xml. */
async function wellFormed(res: Response) {
  const body = await res.text();
  const parsed = readAnswer(res.status, {}, body);
  expect(res.headers.get('content-type')).toBe('text/xml');
  expect(parsed.kind).not.toBe('malformed');
  if (parsed.kind === 'malformed') throw new Error(parsed.reason);
  expect(parsed.namespace).toBe(service.namespace);
  expect(parsed.requestId).toBeTruthy();
  expect(res.headers.get('x-amzn-requestid')).toBe(parsed.requestId);
  if (parsed.kind === 'error') {
    expect(parsed.missing).toEqual([]);
    expect(parsed.type).toBe('Sender');
  }
  return parsed;
}

async function refused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const parsed = await wellFormed(res);
  expect(parsed.kind === 'error' && parsed.code).toBe(code);
}

describe.each(transports)('wire input over $name', (t) => {
  it.each([
    ['bad percent-encoding', `${head}&SourceSnapshotName=%zz&TargetSnapshotName=x`, 400, 'InvalidParameterValue'],
    ['percent-encoded bytes that are not UTF-8', `${head}&SourceSnapshotName=%C3%28&TargetSnapshotName=x`, 400, 'InvalidParameterValue'],
    ['no Action', `Version=${service.version}`, 400, 'MissingAction'],
    ['an empty body', '', 400, 'MissingAction'],
    ['no Version', 'Action=CopySnapshot&SourceSnapshotName=a&TargetSnapshotName=b', 400, 'MissingParameter'],
    ['another Version', 'Action=CopySnapshot&Version=2014-09-30&SourceSnapshotName=a&TargetSnapshotName=b', 400, 'InvalidParameterValue'],
    ['a duplicate form key', `${head}&SourceSnapshotName=a&SourceSnapshotName=b&TargetSnapshotName=c`, 400, 'InvalidParameterValue'],
    ['a duplicate tag key', `${head}&SourceSnapshotName=conformance-source&TargetSnapshotName=c&Tags.Tag.1.Key=a&Tags.Tag.1.Key=b`, 400, 'InvalidParameterValue'],
    ['an unknown Action', `Action=DeleteEverything&Version=${service.version}`, 400, 'InvalidAction'],
  ])('refuses %s', async (_name, body, status, code) => {
    await refused(await post(t.url(), body), status, code);
  });

  it('refuses a body that is not UTF-8 at all', async () => {
    await refused(await post(t.url(), Uint8Array.from([...new TextEncoder().encode(`${head}&SourceSnapshotName=`), 0xff, 0xfe])), 400, 'InvalidParameterValue');
  });

  it('refuses a body over 1 MB with 413 and serves the next request', async () => {
    await refused(await post(t.url(), `${head}&KmsKeyId=${'x'.repeat(maxBodyBytes)}`), 413, 'RequestEntityTooLarge');
    await refused(await post(t.url(), `${head}&SourceSnapshotName=nope&TargetSnapshotName=x`), 404, 'SnapshotNotFoundFault');
  });

  it('accepts a body of exactly 1 MB', async () => {
    const prefix = `${head}&SourceSnapshotName=conformance-source&TargetSnapshotName=big&KmsKeyId=`;
    const res = await post(t.url(), prefix + 'k'.repeat(maxBodyBytes - prefix.length));
    expect(res.status).toBe(200);
    await wellFormed(res);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('refuses %s with 405', async (method) => {
    await refused(await fetch(`${t.url()}/`, { method, body: head }), 405, 'MethodNotAllowed');
  });

  it('serves GET with a query string like POST, on any path', async () => {
    const res = await fetch(`${t.url()}/any/path?${head}&SourceSnapshotName=conformance-source&TargetSnapshotName=Via-Get`);
    expect(res.status).toBe(200);
    const parsed = await wellFormed(res);
    expect(parsed.kind === 'success' && parsed.snapshot?.SnapshotName).toBe('via-get');
    expect(parsed.kind === 'success' && parsed.rootName).toBe('CopySnapshotResponse');
    await refused(await fetch(`${t.url()}/`), 400, 'MissingAction');
    const described = await post(t.url(), `Action=DescribeSnapshots&Version=${service.version}&SnapshotName=via-get`);
    expect(described.status).toBe(200);
  });

  it('answers any body with a well-formed non-5xx answer', async () => {
    const piece = fc.constantFrom('Action=CopySnapshot', 'Action=DescribeSnapshots', 'Action=DeleteSnapshot', 'Action=ListTagsForResource', 'Action=CreateSnapshot', `Version=${service.version}`, 'Version=x', 'SourceSnapshotName=conformance-source', 'SourceSnapshotName=conformance-pending', 'TargetSnapshotName=t', 'TargetSnapshotName=', 'SnapshotName=conformance-source', 'CacheClusterId=conformance-cluster', 'TargetBucket=conformance-export-ok', 'TargetBucket=', 'KmsKeyId=k', 'Tags=', 'Tags.Tag.1.Key=a', 'Tags.Tag.3.Value=%F0%9F%98%80', 'Tags.member.1.Key=m', 'MaxRecords=20', 'MaxRecords=x', 'Marker=%zz', 'ResourceName=arn', '%', '=', '&', '%C0%80', 'A=%E2%82');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 8 }), async (pieces) => {
        const res = await post(t.url(), pieces.join('&'));
        expect(res.status).toBeLessThan(500);
        await wellFormed(res);
      }),
      { numRuns: 120 },
    );
  });
});
