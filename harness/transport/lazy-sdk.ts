// The AWS SDK client over a target's `send`, loaded on first use: the SDK (hundreds of modules) is only
// needed where it is the point (tests and the "does the SDK parse this" checks), so a run that never asks
// for it never loads it.
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { Send } from './types.js';

export async function lazySdkClient(send: Send, region: string, timeoutMs: number): Promise<ElastiCacheClient> {
  const { sdkClientOver } = await import('./sdk-client.js');
  return sdkClientOver(send, region, timeoutMs);
}
