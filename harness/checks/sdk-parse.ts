// "The SDK parses it": feed a captured answer to the real @aws-sdk/client-elasticache, offline.
// The SDK is loaded on the first check that needs it (dynamic import): runs without these checks never load it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CopySnapshotCommandOutput, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { lazySdkClient, type WireAnswer } from '../transport/index.js';

export type SdkParse =
  | { ok: true; output: CopySnapshotCommandOutput }
  | { ok: false; name: string; code?: string; status?: number; fault?: string; message: string };

const current = new AsyncLocalStorage<WireAnswer>();

let client: Promise<{ client: ElastiCacheClient; Command: typeof import('@aws-sdk/client-elasticache').CopySnapshotCommand }> | undefined;
/** The transport's SDK client over a "send" that replays the captured answer: no network. */
function replayClient() {
  client ??= (async () => {
    const [{ CopySnapshotCommand }, replay] = await Promise.all([
      import('@aws-sdk/client-elasticache'),
      lazySdkClient(async () => {
        const answer = current.getStore();
        if (!answer) throw new Error('no captured answer');
        return answer;
      }, 'us-east-1', 10_000),
    ]);
    return { client: replay, Command: CopySnapshotCommand };
  })();
  return client;
}

/** What the SDK makes of `answer` as a CopySnapshot response. */
export async function sdkParse(answer: WireAnswer): Promise<SdkParse> {
  const { client: replay, Command } = await replayClient();
  try {
    const output = await current.run(answer, () => replay.send(new Command({ SourceSnapshotName: 'x', TargetSnapshotName: 'y' })));
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
