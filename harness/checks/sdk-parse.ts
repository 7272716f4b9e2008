// "The SDK parses it": feed a captured answer to the real @aws-sdk/client-elasticache, offline.
// The SDK is loaded on the first check that needs it (dynamic import): runs without these checks never load it.
import { createHash } from 'node:crypto';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { lazySdkClient, type WireAnswer } from '../transport/index.js';

export type SdkParse =
  | { ok: true; /** Snapshot.SnapshotName as the SDK read it */ snapshotName: string | undefined }
  | { ok: false; name: string; code?: string; status?: number; fault?: string; message: string };

/** Answers being read, by the ID each reading puts in its request (SourceSnapshotName), so that concurrent
 *  readings each get their own. (Not an AsyncLocalStorage: on Node 20 that turns on promise hooks, a cost on
 *  every promise of the run.) */
const pending = new Map<string, WireAnswer>();
let readings = 0;
const idPattern = /SourceSnapshotName=(sdk-parse-\d+)/;

let client: Promise<{ client: ElastiCacheClient; Command: typeof import('@aws-sdk/client-elasticache').CopySnapshotCommand }> | undefined;
/** The transport's SDK client over a "send" that replays the captured answer: no network. */
function replayClient() {
  client ??= (async () => {
    const [{ CopySnapshotCommand }, replay] = await Promise.all([
      import('@aws-sdk/client-elasticache'),
      lazySdkClient(async (request) => {
        const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
        const answer = pending.get(idPattern.exec(body)?.[1] ?? '');
        if (!answer) throw new Error('no captured answer');
        return answer;
      }, 'us-east-1', 10_000),
    ]);
    return { client: replay, Command: CopySnapshotCommand };
  })();
  return client;
}

/**
 * Element values that cannot change whether the SDK parses a plain answer: free text that is not blank (in a
 * plain answer a string member's text holds no `<` or `&`, so the SDK reads it as it is) and timestamps of the one
 * strict form the SDK reads alike (days up to 28: no month-length questions). Everything else (numbers, booleans,
 * other dates, unknown elements, the structure) stays in the key.
 */
const freeText = /<(SnapshotName|ARN|RequestId|KmsKeyId|CacheClusterId|ReplicationGroupId|ReplicationGroupDescription|CacheNodeId|NodeGroupId|SnapshotStatus|TopicArn|VpcId)>(?=[^<]*[^<\s])[^<]+<\/\1>/g;
const strictTime = /<([A-Za-z]*Time)>\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z<\/\1>/g;

/** The SDK's verdict on an answer depends only on this key, or the answer is not plain (undefined). */
export function sdkParseKey(answer: WireAnswer): string | undefined {
  const body = answer.body;
  if (answer.truncated || body.length > 64 * 1024 || /[&\r]|<!|<\?(?!xml )/.test(body)) return undefined;
  const shape = body.replace(freeText, '<$1>s</$1>').replace(strictTime, '<$1>t</$1>');
  // a digest, not the text: the cache holds up to 512 shapes for the life of the process
  return createHash('sha256').update(`${answer.status} ${answer.headers['content-type'] ?? ''}\n${shape}`).digest('base64');
}

/** Shapes the SDK has read (or is reading) without error, and whether it found the answer's SnapshotName.
 *  Bounded: a run sees few shapes, a misbehaving endpoint may show many. A shape the SDK refused is read
 *  again each time (the failure's message is the answer's own). Answers are judged many at once, so the
 *  first reading of a shape is shared while it runs. */
const parsedShapes = new Map<string, Promise<{ hasName: boolean } | undefined>>();
const maxShapes = 512;

/** The text of the first SnapshotName element: the Snapshot's own, in a plain answer. */
const nameOf = (body: string) => /<SnapshotName>([^<]*)<\/SnapshotName>/.exec(body)?.[1];

/**
 * What the SDK makes of `answer` as a CopySnapshot response. An answer of a shape the SDK has already read
 * (same structure, numbers, booleans and enums; other names, request IDs and times) gets that reading again:
 * the SDK's middleware costs milliseconds per answer.
 */
export async function sdkParse(answer: WireAnswer): Promise<SdkParse> {
  const key = sdkParseKey(answer);
  if (key === undefined) return sdkParseNow(answer);
  const known = parsedShapes.get(key);
  const reading = known && (await known);
  if (reading) return { ok: true, snapshotName: reading.hasName ? nameOf(answer.body) : undefined };
  const parsed = sdkParseNow(answer);
  if (!known && parsedShapes.size < maxShapes)
    parsedShapes.set(
      key,
      parsed.then((p) => {
        // kept only when the SDK's reading is the element's text, or there is none: then a reuse reads it alike
        const usable = p.ok && (p.snapshotName === undefined || p.snapshotName === nameOf(answer.body));
        if (!usable) parsedShapes.delete(key);
        return usable ? { hasName: p.snapshotName !== undefined } : undefined;
      }),
    );
  return parsed;
}

export async function sdkParseNow(answer: WireAnswer): Promise<SdkParse> {
  const { client: replay, Command } = await replayClient();
  const id = `sdk-parse-${++readings}`;
  pending.set(id, answer);
  try {
    const output = await replay.send(new Command({ SourceSnapshotName: id, TargetSnapshotName: 'y' }));
    return { ok: true, snapshotName: output.Snapshot?.SnapshotName };
  } catch (error) {
    const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string; message?: string };
    const parsed: SdkParse = { ok: false, name: e.name ?? 'Error', message: String(e.message ?? '').split('\n')[0] ?? '' };
    if (e.Code !== undefined) parsed.code = e.Code;
    if (e.$metadata?.httpStatusCode !== undefined) parsed.status = e.$metadata.httpStatusCode;
    if (e.$fault !== undefined) parsed.fault = e.$fault;
    return parsed;
  } finally {
    pending.delete(id);
  }
}
