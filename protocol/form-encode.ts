// Form encoding exactly as @aws-sdk/client-elasticache serializes the AWS Query protocol
// (docs/contract.md#encoding, #tags-on-the-wire). Raw-wire generators build on it.
import { service } from '../specs/members.js';
import type { CopySnapshotInput } from '../specs/types.js';

export type FormPair = readonly [key: string, value: string];

/** RFC 3986 percent-encoding as the SDK does it: `*'()!` escaped too, `~` kept. */
export function encodeFormComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `k=v&k=v`, each side encoded. */
export function formBody(pairs: readonly FormPair[]): string {
  return pairs.map(([k, v]) => `${encodeFormComponent(k)}=${encodeFormComponent(v)}`).join('&');
}

/** The member pairs of a CopySnapshot input, in model order; null members are not sent. */
export function copySnapshotMemberPairs(input: CopySnapshotInput): FormPair[] {
  const pairs: FormPair[] = [];
  for (const name of ['SourceSnapshotName', 'TargetSnapshotName', 'TargetBucket', 'KmsKeyId'] as const) {
    const value = input[name];
    if (value !== undefined) pairs.push([name, value]);
  }
  if (input.Tags !== undefined) {
    if (input.Tags.length === 0) pairs.push(['Tags', '']);
    input.Tags.forEach((tag, i) => {
      if (tag.Key !== undefined) pairs.push([`Tags.Tag.${i + 1}.Key`, tag.Key]);
      if (tag.Value !== undefined) pairs.push([`Tags.Tag.${i + 1}.Value`, tag.Value]);
    });
  }
  return pairs;
}

/** The pairs the SDK sends for CopySnapshot: Action and Version first. */
export function copySnapshotPairs(input: CopySnapshotInput): FormPair[] {
  return [['Action', service.action], ['Version', service.version], ...copySnapshotMemberPairs(input)];
}

/** The body byte-for-byte as the SDK sends it. */
export function encodeCopySnapshotBody(input: CopySnapshotInput): string {
  return formBody(copySnapshotPairs(input));
}
