// "The SDK parses it": feed a captured answer to the real @aws-sdk/client-elasticache, offline.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { CopySnapshotCommand, ElastiCacheClient, type CopySnapshotCommandOutput } from '@aws-sdk/client-elasticache';
import { HttpResponse } from '@smithy/protocol-http';
import type { WireAnswer } from '../transport/index.js';

export type SdkParse =
  | { ok: true; output: CopySnapshotCommandOutput }
  | { ok: false; name: string; code?: string; status?: number; fault?: string; message: string };

const current = new AsyncLocalStorage<WireAnswer>();

let client: ElastiCacheClient | undefined;
function replayClient(): ElastiCacheClient {
  client ??= new ElastiCacheClient({
    region: 'us-east-1',
    endpoint: 'http://sdk-parse.invalid',
    credentials: { accessKeyId: 'AKIDREPLAY', secretAccessKey: 'replay' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => {
        const answer = current.getStore();
        if (!answer) throw new Error('no captured answer');
        return {
          response: new HttpResponse({
            statusCode: answer.status,
            headers: answer.headers,
            body: Readable.from([Buffer.from(answer.body, 'utf8')]),
          }),
        };
      },
    },
  });
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
