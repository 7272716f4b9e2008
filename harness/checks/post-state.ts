// Checks of what an accepted copy returns and what the endpoint shows afterwards.
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import { clusterMetadataMembers } from '../../specs/members.js';
import type { CopySnapshotInput } from '../../specs/types.js';
import type { Lookup } from '../run/endpoint-ops.js';
import type { Exchange } from '../run/exchange-types.js';

/** post-state.returns-the-copy: the answer describes the new copy, not the source. */
export function returnsTheCopy(ex: Exchange, input: CopySnapshotInput, source: Snapshot | undefined): string | undefined {
  const p = ex.parsed;
  if (p?.kind !== 'success' || !p.snapshot) return undefined;
  const s = p.snapshot;
  const problems: string[] = [];
  const want = input.TargetSnapshotName?.toLowerCase();
  if (s.SnapshotName !== want) problems.push(`SnapshotName "${s.SnapshotName}", expected the lowercased target "${want}"`);
  if (s.SnapshotSource !== 'manual') problems.push(`SnapshotSource "${s.SnapshotSource}", expected manual`);
  if (s.SnapshotStatus !== 'creating' && s.SnapshotStatus !== 'available')
    problems.push(`SnapshotStatus "${s.SnapshotStatus}", expected creating or available`);
  if (source)
    for (const member of clusterMetadataMembers) {
      const a = source[member];
      const b = s[member];
      if (a !== undefined && String(a) !== String(b)) problems.push(`${member} "${String(b)}", the source has "${String(a)}"`);
    }
  return problems.length ? problems.join('; ') : undefined;
}

/** post-state.accepted-is-listed */
export function acceptedIsListed(after: Lookup): string | undefined {
  if ('problem' in after) return after.problem;
  return after.exists ? undefined : 'the copy was accepted but DescribeSnapshots does not list it';
}

/** post-state.refused-changes-nothing: the target is as before and the source unchanged. */
export function refusedChangesNothing(
  targetBefore: Lookup,
  targetAfter: Lookup,
  sourceBefore: Lookup | undefined,
  sourceAfter: Lookup | undefined,
): string | undefined {
  for (const l of [targetBefore, targetAfter, sourceBefore, sourceAfter]) if (l && 'problem' in l) return l.problem;
  const exists = (l: Lookup) => 'exists' in l && l.exists;
  if (!exists(targetBefore) && exists(targetAfter)) return 'the copy was refused but DescribeSnapshots now lists the target';
  if (exists(targetBefore) && !exists(targetAfter)) return 'the copy was refused but the existing target snapshot disappeared';
  if (sourceBefore && sourceAfter && exists(sourceBefore)) {
    if (!exists(sourceAfter)) return 'the copy was refused but the source snapshot disappeared';
    const a = (sourceBefore as { snapshot: Snapshot }).snapshot;
    const b = (sourceAfter as { snapshot: Snapshot }).snapshot;
    if (a.SnapshotName !== b.SnapshotName || a.CacheClusterId !== b.CacheClusterId)
      return 'the copy was refused but the source snapshot changed';
  }
  return undefined;
}

function normalize(tags: readonly Tag[]): string[] {
  return tags.map((t) => `${t.Key ?? ''}\u0000${t.Value ?? ''}`).sort();
}

/** post-state.tags-on-copy: the request's tags if any, else the source's. */
export function tagsOnCopy(requestTags: Tag[] | undefined, sourceTags: readonly Tag[], copyTags: readonly Tag[]): string | undefined {
  const expected = requestTags && requestTags.length > 0 ? requestTags : sourceTags;
  const want = normalize(expected);
  const got = normalize(copyTags);
  if (want.length === got.length && want.every((t, i) => t === got[i])) return undefined;
  const show = (list: string[]) => list.map((t) => t.replace('\u0000', '=')).join(', ') || '(none)';
  return `the copy has tags [${show(got)}], expected ${requestTags?.length ? "the request's" : "the source's"} [${show(want)}]`;
}
