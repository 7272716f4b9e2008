// Housekeeping calls: describe, list tags, delete, create. They speak the Query protocol through the target's
// `send` with the project's own form encoder and XML reader: the same wire the rules use, counted and signed
// where requests leave, without the AWS SDK's middleware, serde and module loading on every lookup.
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import { findSnapshot, formBody, readAnswer, readSnapshotList, readTagList, type FormPair, type ParsedAnswer } from '../../protocol/index.js';
import { service } from '../../specs/members.js';
import { textOf, type XmlNode } from '../../protocol/xml-parse.js';
import { TransportError, type Target } from '../transport/index.js';

export type Lookup = { exists: true; snapshot: Snapshot } | { exists: false } | { problem: string };

/** What housekeeping needs of a target: its `send` (a counted, recorded, signed one in a run). */
export type Via = Pick<Target, 'send'>;

type Success = Extract<ParsedAnswer, { kind: 'success' }>;
type Answer = { ok: true; result: XmlNode; snapshot?: Snapshot } | { ok: false; code?: string; line: string };


/** Send one action and read its answer; a transport failure is an answer that says so, never a throw. */
async function call(via: Via, action: string, params: readonly FormPair[]): Promise<Answer> {
  let answer;
  try {
    answer = await via.send({
      method: 'POST',
      path: '/',
      headers: { 'content-type': service.contentType },
      body: formBody([['Action', action], ['Version', service.version], ...params]),
    });
  } catch (error) {
    if (error instanceof TransportError) return { ok: false, line: `${error.kind}: ${error.message}` };
    throw error;
  }
  const parsed = readAnswer(answer.status, answer.headers, answer.body);
  // the SDK's reading: any status of 300 or more is an error, whatever the body says
  if (parsed.kind === 'success' && answer.status < 300) return { ok: true, result: parsed.result, ...snapshotOf(parsed) };
  if (parsed.kind === 'error')
    return { ok: false, ...(parsed.code !== undefined ? { code: parsed.code } : {}), line: `${parsed.code ?? 'Error'} (${parsed.status}): ${(parsed.message ?? '').split('\n')[0]}` };
  if (parsed.kind === 'malformed') return { ok: false, line: `HTTP ${parsed.status}: ${parsed.reason}` };
  return { ok: false, line: `HTTP ${answer.status}: an unexpected ${parsed.rootName}` };
}

const snapshotOf = (parsed: Success): { snapshot?: Snapshot } => (parsed.snapshot ? { snapshot: parsed.snapshot } : {});

/** DescribeSnapshots by name. */
export async function describeSnapshot(via: Via, name: string): Promise<Lookup> {
  const out = await call(via, 'DescribeSnapshots', [['SnapshotName', name]]);
  if (!out.ok) return out.code === 'SnapshotNotFoundFault' ? { exists: false } : { problem: `DescribeSnapshots ${name}: ${out.line}` };
  const found = findSnapshot(readSnapshotList(out.result), name);
  return found ? { exists: true, snapshot: found } : { exists: false };
}

/** Every snapshot the endpoint lists (paged), for discovering fixtures. */
export async function listSnapshots(via: Via, maxPages = 20): Promise<Snapshot[]> {
  return (await listPaged(via, maxPages)).snapshots;
}

/** DescribeSnapshots page by page; `complete` is false when `maxPages` ran out before the last page. Throws when a page fails. */
export async function listPaged(via: Via, maxPages: number): Promise<{ snapshots: Snapshot[]; complete: boolean }> {
  const snapshots: Snapshot[] = [];
  let marker: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await call(via, 'DescribeSnapshots', [['MaxRecords', '50'], ...(marker ? [['Marker', marker] as FormPair] : [])]);
    if (!out.ok) throw new Error(`DescribeSnapshots: ${out.line}`);
    snapshots.push(...readSnapshotList(out.result));
    marker = textOf(out.result.Marker) || undefined;
    if (!marker) return { snapshots, complete: true };
  }
  return { snapshots, complete: false };
}

export async function listTags(via: Via, arn: string): Promise<Tag[] | { problem: string }> {
  const out = await call(via, 'ListTagsForResource', [['ResourceName', arn]]);
  if (!out.ok) return { problem: `ListTagsForResource: ${out.line}` };
  return readTagList(out.result);
}

export type DeleteResult = 'deleted' | 'gone' | 'busy' | { problem: string };

/** DeleteSnapshot; `busy` when the snapshot is not yet deletable (still creating). */
export async function deleteSnapshot(via: Via, name: string): Promise<DeleteResult> {
  const out = await call(via, 'DeleteSnapshot', [['SnapshotName', name]]);
  if (out.ok) return 'deleted';
  if (out.code === 'SnapshotNotFoundFault') return 'gone';
  if (out.code === 'InvalidSnapshotState') return 'busy';
  return { problem: `DeleteSnapshot ${name}: ${out.line}` };
}

export async function createSnapshot(via: Via, cluster: string, name: string, tags: Tag[]): Promise<Snapshot | { problem: string }> {
  const pairs: FormPair[] = [['CacheClusterId', cluster], ['SnapshotName', name]];
  tags.forEach((tag, i) => {
    if (tag.Key !== undefined) pairs.push([`Tags.Tag.${i + 1}.Key`, tag.Key]);
    if (tag.Value !== undefined) pairs.push([`Tags.Tag.${i + 1}.Value`, tag.Value]);
  });
  const out = await call(via, 'CreateSnapshot', pairs);
  if (!out.ok) return { problem: `CreateSnapshot: ${out.line}` };
  return out.snapshot ?? { problem: 'CreateSnapshot returned no Snapshot' };
}
