// "The SDK parses it": feed a captured answer to the real @aws-sdk/client-elasticache, offline.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CopySnapshotCommand, type CopySnapshotCommandOutput, type ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { sdkClientOver, type WireAnswer } from '../transport/index.js';

export type SdkParse =
  | { ok: true; output: CopySnapshotCommandOutput }
  | { ok: false; name: string; code?: string; status?: number; fault?: string; message: string };

const current = new AsyncLocalStorage<WireAnswer>();

let client: ElastiCacheClient | undefined;
/** The transport's SDK client over a "send" that replays the captured answer: no network. */
function replayClient(): ElastiCacheClient {
  client ??= sdkClientOver(async () => {
    const answer = current.getStore();
    if (!answer) throw new Error('no captured answer');
    return answer;
  }, 'us-east-1', 10_000);
  return client;
}

/** What the SDK makes of `answer` as a CopySnapshot response. */
export async function sdkParse(answer: WireAnswer): Promise<SdkParse> {
  try {
    const output = await current.run(answer, () =>
      replayClient().send(new CopySnapshotCommand({ SourceSnapshotName: 'x', TargetSnapshotName: 'y' })),
    );
    return { ok: true, output };
  } catch (error) {
    const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string; message?: string };
    const parsed: SdkParse = { ok: false, name: e.name ?? 'Error', message: String(e.message ?? '').split('\n')[0] ?? '' };
    if (e.Code !== undefined) parsed.code = e.Code;
    if (e.$metadata?.httpStatusCode !== undefined) parsed.status = e.$metadata.httpStatusCode;
    if (e.$fault !== undefined) parsed.fault = e.$fault;
    return parsed;
  }
}
