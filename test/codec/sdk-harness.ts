// Drive the real @aws-sdk/client-elasticache offline: capture what it sends, feed it what to parse.
import { Readable } from 'node:stream';
import { CopySnapshotCommand, ElastiCacheClient, type CopySnapshotCommandInput } from '@aws-sdk/client-elasticache';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';

const credentials = { accessKeyId: 'AKIDTESTCODEC', secretAccessKey: 'codec-test-secret' };

class Captured extends Error {}

/** The form body the SDK sends for a CopySnapshot input. */
export async function sdkBody(input: CopySnapshotCommandInput): Promise<string> {
  let body: string | undefined;
  const client = new ElastiCacheClient({
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        body = String(request.body ?? '');
        throw new Captured('captured');
      },
    },
  });
  try {
    await client.send(new CopySnapshotCommand(input));
  } catch (e) {
    if (!(e instanceof Captured)) throw e;
  }
  if (body === undefined) throw new Error('the SDK sent nothing');
  return body;
}

/** A client whose every request is answered with this status, headers and body. */
export function replyingClient(status: number, body: string, headers: Record<string, string> = { 'content-type': 'text/xml' }): ElastiCacheClient {
  return new ElastiCacheClient({
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({ response: new HttpResponse({ statusCode: status, headers, body: Readable.from([Buffer.from(body, 'utf8')]) }) }),
    },
  });
}
