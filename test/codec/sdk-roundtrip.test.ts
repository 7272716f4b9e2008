// Property tests against the REAL @aws-sdk/client-elasticache: what it sends, the codec reads back and
// re-encodes byte for byte; what the codec writes, the SDK reads back to the same values.
import { CopySnapshotCommand, DescribeSnapshotsCommand, type Snapshot } from '@aws-sdk/client-elasticache';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCopySnapshot, encodeCopySnapshotBody, errorXml, parseForm, readAnswer, snapshotXml, successXml } from '../../protocol/index.js';
import { faults } from '../../specs/faults.js';
import { copyInput, snapshot, xmlText } from './arbitraries.js';
import { replyingClient, sdkBody } from './sdk-harness.js';

const runs = { numRuns: 150 };

/** What the SDK reads back: drop empty optional collections it may add. */
function comparable(s: Snapshot | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s ?? {})) as Record<string, unknown>;
}

describe('requests: SDK → codec', () => {
  it('encodeCopySnapshotBody reproduces the SDK body byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(copyInput, async (input) => {
        expect(encodeCopySnapshotBody(input)).toBe(await sdkBody(input as never));
      }),
      runs,
    );
  });

  it('parseForm + decodeCopySnapshot read the SDK body back to the same input', async () => {
    await fc.assert(
      fc.asyncProperty(copyInput, async (input) => {
        const form = parseForm(await sdkBody(input as never));
        expect(form.errors).toEqual([]);
        const decoded = decodeCopySnapshot(form.pairs);
        expect(decoded.action).toBe('CopySnapshot');
        expect(decoded.version).toBe('2015-02-02');
        expect(decoded.duplicates).toEqual([]);
        expect(decoded.problems).toEqual([]);
        expect(decoded.input).toEqual(input);
      }),
      runs,
    );
  });

  // found by the property above (1 run in 3): the default TextDecoder drops a leading U+FEFF of a value
  it.each([{ Tags: [{ Key: '\ufeff' }] }, { Tags: [{ Value: '\ufeffv' }] }, { SourceSnapshotName: '\ufeffx', TargetSnapshotName: '\ufeff\ufeff' }])('a value that starts with U+FEFF reads back as the SDK sent it: %j', async (input) => {
    const body = await sdkBody(input as never);
    expect(body).toContain('%EF%BB%BF');
    expect(encodeCopySnapshotBody(input)).toBe(body);
    expect(decodeCopySnapshot(parseForm(body).pairs).input).toEqual(input);
    expect(decodeCopySnapshot(parseForm(new TextEncoder().encode(body)).pairs).input).toEqual(input);
  });

  it('reads the same from bytes as from text', async () => {
    await fc.assert(
      fc.asyncProperty(copyInput, async (input) => {
        const body = await sdkBody(input as never);
        expect(parseForm(new TextEncoder().encode(body))).toEqual(parseForm(body));
      }),
      { numRuns: 50 },
    );
  });
});

describe('answers: codec → SDK', () => {
  it('the SDK reads successXml(snapshotXml(s)) back to s', async () => {
    await fc.assert(
      fc.asyncProperty(snapshot, xmlText, async (s, requestId) => {
        const body = successXml('CopySnapshot', snapshotXml(s), requestId);
        const out = await replyingClient(200, body).send(new CopySnapshotCommand({ SourceSnapshotName: 'a', TargetSnapshotName: 'b' }));
        expect(comparable(out.Snapshot)).toEqual(comparable(s));
        expect(out.$metadata.httpStatusCode).toBe(200);
      }),
      runs,
    );
  });

  it('readAnswer reads successXml(snapshotXml(s)) back to s, typed', async () => {
    fc.assert(
      fc.property(snapshot, xmlText, (s, requestId) => {
        const parsed = readAnswer(200, {}, successXml('CopySnapshot', snapshotXml(s), requestId));
        expect(parsed.kind).toBe('success');
        if (parsed.kind !== 'success') return;
        expect(parsed.typeErrors).toEqual([]);
        expect(parsed.requestId).toBe(requestId);
        expect(parsed.snapshot).toEqual(s);
      }),
      runs,
    );
  });

  it('the SDK lists every snapshot of a DescribeSnapshots answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(snapshot, { maxLength: 4 }), async (list) => {
        const body = successXml('DescribeSnapshots', `<Snapshots>${list.map((s) => snapshotXml(s)).join('')}</Snapshots>`, 'r');
        const out = await replyingClient(200, body).send(new DescribeSnapshotsCommand({}));
        expect((out.Snapshots ?? []).map(comparable)).toEqual(list.map(comparable));
      }),
      { numRuns: 50 },
    );
  });

  const modelledCodes = new Set<string>(Object.values(faults).filter((f) => f.scope === 'CopySnapshot').map((f) => f.code));
  const codes = fc.oneof(fc.constantFrom(...Object.values(faults).map((f) => f.code)), fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,30}$/));
  const statuses = fc.oneof(fc.constantFrom(400, 403, 404, 413), fc.integer({ min: 400, max: 499 }));

  it('the SDK reads errorXml back: Code, Type, message, RequestId, status', async () => {
    await fc.assert(
      fc.asyncProperty(codes, xmlText, xmlText.filter((s) => s.trim() !== ''), statuses, async (code, message, requestId, status) => {
        const body = errorXml({ type: 'Sender', code, message, requestId });
        const error = await replyingClient(status, body, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
          .send(new CopySnapshotCommand({ SourceSnapshotName: 'a', TargetSnapshotName: 'b' }))
          .then(() => undefined, (e: unknown) => e as Record<string, unknown> & { $metadata: { httpStatusCode?: number } });
        expect(error).toBeDefined();
        expect(error!.Code).toBe(code);
        expect(error!.Type).toBe('Sender');
        // an empty <Message> the SDK replaces with a default text
        if (message !== '') expect(error!.message).toBe(message);
        // the body's RequestId reaches modelled faults only; generic exceptions get just the header's
        if (modelledCodes.has(code)) expect(error!.RequestId).toBe(requestId);
        expect((error!.$metadata as { requestId?: string }).requestId).toBe(requestId);
        expect(error!.$metadata.httpStatusCode).toBe(status);
        const parsed = readAnswer(status, {}, body);
        expect(parsed).toMatchObject({ kind: 'error', code, type: 'Sender', message, requestId, missing: [] });
      }),
      runs,
    );
  });
});
