// The actions besides CopySnapshot: CreateSnapshot, DescribeSnapshots, DeleteSnapshot, ListTagsForResource.
import type { Tag } from '@aws-sdk/client-elasticache';
import { decodeCopySnapshot, snapshotXml, xmlEscape, type FormPairs } from '../protocol/index.js';
import { faults } from '../specs/faults.js';
import type { Fault } from '../specs/types.js';
import type { MockBehaviour } from './behaviour.js';
import { snapshotArn } from './fixtures.js';
import { otherFault } from './responses.js';
import { nodeSnapshots, type MockStore, type StoredSnapshot } from './store.js';

export interface ActionRequest {
  pairs: FormPairs;
  params: Map<string, string>;
}

export type ActionResult = { ok: true; resultXml: string } | { ok: false; fault: Fault; message: string };

const refuse = (fault: Fault, message: string): ActionResult => ({ ok: false, fault, message });
const notFound = (name: string) => refuse(faults.SnapshotNotFoundFault, `Snapshot ${name} not found.`);
const invalid = (message: string) => refuse(faults.InvalidParameterValue, message);
const blank = (name: string) => invalid(`The parameter ${name} must be provided and must not be blank.`);

/** CreateSnapshot from the seeded cluster (by CacheClusterId or ReplicationGroupId), with CopySnapshot's tag rules. */
export function createSnapshot(store: MockStore, { pairs, params }: ActionRequest, b: MockBehaviour): ActionResult {
  const name = params.get('SnapshotName');
  if (!name) return blank('SnapshotName');
  const clusterId = params.get('CacheClusterId');
  const groupId = params.get('ReplicationGroupId');
  if (!clusterId && !groupId) return invalid('One of CacheClusterId or ReplicationGroupId must be provided.');
  const cluster = store.clusters.get((clusterId || groupId)!);
  if (!cluster)
    return clusterId
      ? refuse(otherFault('CacheClusterNotFound', 404), `CacheCluster ${clusterId} not found.`)
      : refuse(otherFault('ReplicationGroupNotFoundFault', 404), `ReplicationGroup ${groupId} not found.`);
  const tags: Tag[] = decodeCopySnapshot(pairs).input.Tags ?? [];
  for (const step of b.steps.filter((s) => s.name.startsWith('tag-'))) {
    const refusal = step.check({ input: { Tags: tags }, store });
    if (refusal) return refuse(refusal.fault, refusal.message);
  }
  if (store.get(name)) return refuse(faults.SnapshotAlreadyExistsFault, `Snapshot ${b.copyName(name)} already exists.`);
  if (store.quota !== undefined && store.manualCount() >= store.quota)
    return refuse(faults.SnapshotQuotaExceededFault, `The maximum number of manual snapshots (${store.quota}) has been reached.`);
  const stored = b.copyName(name);
  const kms = params.get('KmsKeyId');
  const entry = {
    snapshot: {
      SnapshotName: stored,
      ...cluster,
      SnapshotStatus: 'creating',
      SnapshotSource: 'manual',
      ARN: snapshotArn(stored),
      NodeSnapshots: nodeSnapshots(new Date(store.now()).toISOString()),
      ...(kms ? { KmsKeyId: kms } : {}),
    },
    tags: tags.map((t) => ({ ...t })),
    settleAt: store.now() + store.settleMs,
  };
  store.put(entry);
  return { ok: true, resultXml: snapshotXml(entry.snapshot) };
}

// a Map: `SnapshotSource=toString` must be refused, not read off Object.prototype
const sourceFilter = new Map<string, string>([
  ['user', 'manual'],
  ['system', 'automated'],
]);

/**
 * DescribeSnapshots: by SnapshotName (404 when absent), CacheClusterId, ReplicationGroupId, SnapshotSource
 * `user`/`system`; MaxRecords 20–50 (default 50). The Marker is the name of the last snapshot of the page
 * before, so paging survives snapshots created or deleted in between.
 */
export function describeSnapshots(store: MockStore, { params }: ActionRequest): ActionResult {
  const maxRecords = params.has('MaxRecords') ? Number(params.get('MaxRecords')) : 50;
  if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 50) return invalid('The parameter MaxRecords must be between 20 and 50.');
  const name = params.get('SnapshotName');
  let named: StoredSnapshot | undefined;
  if (name !== undefined) {
    // by name: a lookup, not a sort of the whole store (post-state checks ask this after every copy)
    named = store.get(name);
    if (!named) return notFound(name);
  }
  const cluster = params.get('CacheClusterId');
  const group = params.get('ReplicationGroupId');
  const source = params.get('SnapshotSource');
  const wanted = source === undefined ? undefined : sourceFilter.get(source);
  if (source !== undefined && wanted === undefined) return invalid('The parameter SnapshotSource must be user or system.');
  const keep = (s: StoredSnapshot) =>
    (cluster === undefined || s.snapshot.CacheClusterId === cluster) &&
    (group === undefined || s.snapshot.ReplicationGroupId === group) &&
    (wanted === undefined || s.snapshot.SnapshotSource === wanted);
  const marker = params.get('Marker') || undefined;
  // one page plus one more to know whether there is a next: a page walks from the marker, never the whole store
  const page: StoredSnapshot[] = [];
  let more = false;
  const candidates = named ? [named].filter((s) => keep(s) && (marker === undefined || store.keyOf(s.snapshot.SnapshotName!) > marker)) : store.after(marker, keep);
  for (const s of candidates) {
    if (page.length === maxRecords) {
      more = true;
      break;
    }
    page.push(s);
  }
  const next = more ? `<Marker>${xmlEscape(store.keyOf(page[page.length - 1]!.snapshot.SnapshotName!))}</Marker>` : '';
  return { ok: true, resultXml: `${next}<Snapshots>${page.map((s) => snapshotXml(s.snapshot)).join('')}</Snapshots>` };
}

/** DeleteSnapshot: answers the snapshot as `deleting` and removes it; a `creating` one cannot be deleted. */
export function deleteSnapshot(store: MockStore, { params }: ActionRequest): ActionResult {
  const name = params.get('SnapshotName');
  if (!name) return blank('SnapshotName');
  const found = store.get(name);
  if (!found) return notFound(name);
  if (found.snapshot.SnapshotStatus !== 'available')
    return refuse(faults.InvalidSnapshotState, `Snapshot ${found.snapshot.SnapshotName} is ${found.snapshot.SnapshotStatus} and cannot be deleted.`);
  store.remove(name);
  return { ok: true, resultXml: snapshotXml({ ...found.snapshot, SnapshotStatus: 'deleting' }) };
}

const snapshotArnPattern = /^arn:aws:elasticache:[^:]+:\d{12}:snapshot:(.+)$/;

/** ListTagsForResource for a snapshot ARN. */
export function listTagsForResource(store: MockStore, { params }: ActionRequest): ActionResult {
  const arn = params.get('ResourceName');
  if (!arn) return blank('ResourceName');
  const m = snapshotArnPattern.exec(arn);
  if (!m) return refuse(otherFault('InvalidARN', 400), `${arn} is not a valid snapshot ARN.`);
  const found = store.get(m[1]!);
  if (!found) return notFound(m[1]!);
  const tags = found.tags.map((t) => `<Tag>${t.Key !== undefined ? `<Key>${xmlEscape(t.Key)}</Key>` : ''}${t.Value !== undefined ? `<Value>${xmlEscape(t.Value)}</Value>` : ''}</Tag>`);
  return { ok: true, resultXml: `<TagList>${tags.join('')}</TagList>` };
}
