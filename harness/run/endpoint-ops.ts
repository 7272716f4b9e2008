// Housekeeping calls through the real SDK client: describe, list tags, delete, create.
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeSnapshotsCommand,
  ListTagsForResourceCommand,
  type ElastiCacheClient,
  type Snapshot,
  type Tag,
} from '@aws-sdk/client-elasticache';

export type Lookup = { exists: true; snapshot: Snapshot } | { exists: false } | { problem: string };

interface SdkError {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function oneLine(error: unknown): string {
  const e = error as SdkError;
  const status = e.$metadata?.httpStatusCode;
  return `${e.Code ?? e.name ?? 'Error'}${status ? ` (${status})` : ''}: ${String(e.message ?? error).split('\n')[0]}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as SdkError;
  return e.Code === 'SnapshotNotFoundFault' || e.name === 'SnapshotNotFoundFault';
}

/** DescribeSnapshots by name. */
export async function describeSnapshot(client: ElastiCacheClient, name: string): Promise<Lookup> {
  try {
    const out = await client.send(new DescribeSnapshotsCommand({ SnapshotName: name }));
    // exact spelling first: a case-preserving endpoint may hold both `Ab` and `ab`
    const found = out.Snapshots?.find((s) => s.SnapshotName === name) ?? out.Snapshots?.find((s) => s.SnapshotName?.toLowerCase() === name.toLowerCase());
    return found ? { exists: true, snapshot: found } : { exists: false };
  } catch (error) {
    if (isNotFound(error)) return { exists: false };
    return { problem: `DescribeSnapshots ${name}: ${oneLine(error)}` };
  }
}

/** Every snapshot the endpoint lists (paged), for discovering fixtures. */
export async function listSnapshots(client: ElastiCacheClient, maxPages = 20): Promise<Snapshot[]> {
  return (await listPaged(client, maxPages)).snapshots;
}

/** DescribeSnapshots page by page; `complete` is false when `maxPages` ran out before the last page. */
export async function listPaged(client: ElastiCacheClient, maxPages: number): Promise<{ snapshots: Snapshot[]; complete: boolean }> {
  const snapshots: Snapshot[] = [];
  let marker: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await client.send(new DescribeSnapshotsCommand({ MaxRecords: 50, ...(marker ? { Marker: marker } : {}) }));
    snapshots.push(...(out.Snapshots ?? []));
    marker = out.Marker;
    if (!marker) return { snapshots, complete: true };
  }
  return { snapshots, complete: false };
}

export async function listTags(client: ElastiCacheClient, arn: string): Promise<Tag[] | { problem: string }> {
  try {
    const out = await client.send(new ListTagsForResourceCommand({ ResourceName: arn }));
    return out.TagList ?? [];
  } catch (error) {
    return { problem: `ListTagsForResource: ${oneLine(error)}` };
  }
}

export type DeleteResult = 'deleted' | 'gone' | 'busy' | { problem: string };

/** DeleteSnapshot; `busy` when the snapshot is not yet deletable (still creating). */
export async function deleteSnapshot(client: ElastiCacheClient, name: string): Promise<DeleteResult> {
  try {
    await client.send(new DeleteSnapshotCommand({ SnapshotName: name }));
    return 'deleted';
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    if ((error as SdkError).Code === 'InvalidSnapshotState') return 'busy';
    return { problem: `DeleteSnapshot ${name}: ${oneLine(error)}` };
  }
}

export async function createSnapshot(client: ElastiCacheClient, cluster: string, name: string, tags: Tag[]): Promise<Snapshot | { problem: string }> {
  try {
    const out = await client.send(new CreateSnapshotCommand({ CacheClusterId: cluster, SnapshotName: name, Tags: tags }));
    return out.Snapshot ?? { problem: 'CreateSnapshot returned no Snapshot' };
  } catch (error) {
    return { problem: `CreateSnapshot: ${oneLine(error)}` };
  }
}
