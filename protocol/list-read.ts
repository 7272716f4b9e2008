// Reading the lists of a Query result: the <Snapshot>s of DescribeSnapshots, the <Tag>s of ListTagsForResource.
// One reader for the harness's housekeeping and for the parity normalization.
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import { readSnapshot } from './snapshot-read.js';
import { textOf, type XmlNode } from './xml-parse.js';

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The members named `item` of the list element `list` (one member is not an array in the parsed XML). */
function itemsOf(result: XmlNode, list: string, item: string): unknown[] {
  const node = result[list];
  const items = isNode(node) ? node[item] : undefined;
  return Array.isArray(items) ? items : items === undefined ? [] : [items];
}

/** Every <Snapshot> of a DescribeSnapshotsResult, typed as the model says. */
export function readSnapshotList(result: XmlNode): Snapshot[] {
  return itemsOf(result, 'Snapshots', 'Snapshot').map((s) => readSnapshot(s, []));
}

/** Every <Tag> of a ListTagsForResourceResult. */
export function readTagList(result: XmlNode): Tag[] {
  return itemsOf(result, 'TagList', 'Tag').map((t) => {
    const node = isNode(t) ? t : {};
    const tag: Tag = {};
    const key = textOf(node.Key);
    const value = textOf(node.Value);
    if (key !== undefined) tag.Key = key;
    if (value !== undefined) tag.Value = value;
    return tag;
  });
}

/** `name` among `snapshots`: its exact spelling first (a case-preserving endpoint may hold both `Ab` and `ab`), then any casing. */
export function findSnapshot(snapshots: readonly Snapshot[], name: string): Snapshot | undefined {
  return snapshots.find((s) => s.SnapshotName === name) ?? snapshots.find((s) => s.SnapshotName?.toLowerCase() === name.toLowerCase());
}
