// The actions besides CopySnapshot: CreateSnapshot, DescribeSnapshots, DeleteSnapshot, ListTagsForResource.
import type { Tag } from '@aws-sdk/client-elasticache';
import { faults } from '../specs/faults.js';
import type { Fault } from '../specs/types.js';
import { snapshotXml, xmlEscape } from '../harness/codec.js';
import { snapshotArn } from './fixtures.js';
import { nodeSnapshots, type MockStore } from './store.js';

export type ActionResult = { ok: true; resultXml: string } | { ok: false; fault: Fault; message: string };

const notFound = (name: string): ActionResult => ({ ok: false, fault: faults.SnapshotNotFoundFault, message: `Snapshot ${name} not found.` });
const invalid = (message: string): ActionResult => ({ ok: false, fault: faults.InvalidParameterValue, message });
const clusterNotFound: Fault = { shape: 'CacheClusterNotFoundFault', code: 'CacheClusterNotFound', status: 404, type: 'Sender', scope: 'common', doc: '', sources: [] };

function tagsFrom(params: Map<string, string>): Tag[] {
  const tags: Tag[] = [];
  for (let n = 1; params.has(`Tags.Tag.${n}.Key`); n++) {
    const tag: Tag = { Key: params.get(`Tags.Tag.${n}.Key`)! };
    const value = params.get(`Tags.Tag.${n}.Value`);
    if (value !== undefined) tag.Value = value;
    tags.push(tag);
  }
  return tags;
}

export function createSnapshot(store: MockStore, params: Map<string, string>): ActionResult {
  const name = params.get('SnapshotName');
  if (!name) return invalid('The parameter SnapshotName must be provided and must not be blank.');
  const clusterId = params.get('CacheClusterId') ?? params.get('ReplicationGroupId');
  if (!clusterId) return invalid('Either CacheClusterId or ReplicationGroupId must be provided.');
  const cluster = store.clusters.get(clusterId);
  if (!cluster) return { ok: false, fault: clusterNotFound, message: `Cluster ${clusterId} not found.` };
  if (store.get(name)) return { ok: false, fault: faults.SnapshotAlreadyExistsFault, message: `Snapshot ${name.toLowerCase()} already exists.` };
  if (store.quota !== undefined && store.manualCount() >= store.quota)
    return { ok: false, fault: faults.SnapshotQuotaExceededFault, message: `The maximum number of manual snapshots (${store.quota}) has been reached.` };
  const lower = name.toLowerCase();
  const entry = {
    snapshot: { SnapshotName: lower, ...cluster, SnapshotStatus: 'creating', SnapshotSource: 'manual', ARN: snapshotArn(lower), NodeSnapshots: nodeSnapshots(new Date(store.now()).toISOString()) },
    tags: tagsFrom(params),
    settleAt: store.now() + store.settleMs,
  };
  store.put(entry);
  return { ok: true, resultXml: snapshotXml(entry.snapshot) };
}

export function describeSnapshots(store: MockStore, params: Map<string, string>): ActionResult {
  const name = params.get('SnapshotName');
  const maxRecords = params.has('MaxRecords') ? Number(params.get('MaxRecords')) : 50;
  if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 50) return invalid('MaxRecords must be between 20 and 50.');
  let list = store.list();
  if (name !== undefined) {
    const found = store.get(name);
    if (!found) return notFound(name);
    list = [found];
  }
  const cluster = params.get('CacheClusterId');
  if (cluster !== undefined) list = list.filter((s) => s.snapshot.CacheClusterId === cluster);
  const source = params.get('SnapshotSource');
  if (source === 'user') list = list.filter((s) => s.snapshot.SnapshotSource === 'manual');
  else if (source === 'system') list = list.filter((s) => s.snapshot.SnapshotSource === 'automated');
  else if (source !== undefined) return invalid('SnapshotSource must be user or system.');
  list.sort((a, b) => a.snapshot.SnapshotName!.localeCompare(b.snapshot.SnapshotName!));
  const start = params.has('Marker') ? Number(params.get('Marker')) : 0;
  if (!Number.isInteger(start) || start < 0) return invalid('Marker is not valid.');
  const page = list.slice(start, start + maxRecords);
  const marker = start + maxRecords < list.length ? `<Marker>${start + maxRecords}</Marker>` : '';
  return { ok: true, resultXml: `${marker}<Snapshots>${page.map((s) => snapshotXml(s.snapshot)).join('')}</Snapshots>` };
}

export function deleteSnapshot(store: MockStore, params: Map<string, string>): ActionResult {
  const name = params.get('SnapshotName');
  if (!name) return invalid('The parameter SnapshotName must be provided and must not be blank.');
  const found = store.get(name);
  if (!found) return notFound(name);
  if (found.snapshot.SnapshotStatus !== 'available')
    return { ok: false, fault: faults.InvalidSnapshotState, message: `Snapshot ${name} is ${found.snapshot.SnapshotStatus} and cannot be deleted.` };
  store.remove(name);
  return { ok: true, resultXml: snapshotXml({ ...found.snapshot, SnapshotStatus: 'deleting' }) };
}

export function listTagsForResource(store: MockStore, params: Map<string, string>): ActionResult {
  const arn = params.get('ResourceName') ?? '';
  const m = /^arn:aws:elasticache:[^:]+:\d+:snapshot:(.+)$/.exec(arn);
  if (!m) return invalid(`The parameter ResourceName is not a valid snapshot ARN: ${arn}`);
  const found = store.get(m[1]!);
  if (!found) return notFound(m[1]!);
  const tags = found.tags.map((t) => `<Tag><Key>${xmlEscape(t.Key ?? '')}</Key>${t.Value !== undefined ? `<Value>${xmlEscape(t.Value)}</Value>` : ''}</Tag>`);
  return { ok: true, resultXml: `<TagList>${tags.join('')}</TagList>` };
}
