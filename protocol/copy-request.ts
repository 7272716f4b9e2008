// A CopySnapshot request from decoded form pairs, with everything odd about it reported.
import type { CopySnapshotInput, Tag } from '../specs/types.js';
import { duplicateKeys, paramsOf } from './form.js';

export interface DecodedCopyRequest {
  action?: string;
  version?: string;
  input: CopySnapshotInput;
  /** form keys given more than once (the first value is used; nothing is merged) */
  duplicates: string[];
  /** tag index gaps, unknown keys, a non-empty `Tags=` */
  problems: string[];
}

const scalarMembers = ['SourceSnapshotName', 'TargetSnapshotName', 'TargetBucket', 'KmsKeyId'] as const;
const envelopeKeys = new Set(['Action', 'Version']);
/** canonical 1-based index only: `Tags.Tag.01.Key` would silently alias `Tags.Tag.1.Key` */
const tagKey = /^Tags\.Tag\.([1-9]\d*)\.(Key|Value)$/;

/** Decode `Tags.Tag.N.Key/Value`: N ordered numerically, gaps tolerated and reported. */
function decodeTags(params: Map<string, string>, problems: string[]): Tag[] | undefined {
  const tags = new Map<number, Tag>();
  for (const [key, value] of params) {
    const m = tagKey.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    const tag = tags.get(n) ?? {};
    tag[m[2] as 'Key' | 'Value'] = value;
    tags.set(n, tag);
  }
  const listed = params.get('Tags');
  if (listed !== undefined && listed !== '') problems.push(`Tags has the value "${listed}"; an empty list is sent as "Tags="`);
  if (tags.size === 0) return listed !== undefined ? [] : undefined;
  const indexes = [...tags.keys()].sort((a, b) => a - b);
  indexes.forEach((n, i) => {
    if (n !== i + 1) problems.push(`tag index ${n} where ${i + 1} was expected`);
  });
  return indexes.map((n) => tags.get(n)!);
}

/** A CopySnapshot input from form pairs: `Tags=` is an empty list, a tag may lack its Value. */
export function decodeCopySnapshot(pairs: readonly (readonly [string, string])[]): DecodedCopyRequest {
  const params = paramsOf(pairs);
  const input: CopySnapshotInput = {};
  const problems: string[] = [];
  for (const name of scalarMembers) {
    const v = params.get(name);
    if (v !== undefined) input[name] = v;
  }
  const tags = decodeTags(params, problems);
  if (tags !== undefined) input.Tags = tags;
  const known = new Set<string>([...scalarMembers, ...envelopeKeys, 'Tags']);
  for (const key of params.keys()) if (!known.has(key) && !tagKey.test(key)) problems.push(`unknown parameter ${key}`);
  const out: DecodedCopyRequest = { input, duplicates: duplicateKeys(pairs), problems };
  const action = params.get('Action');
  const version = params.get('Version');
  if (action !== undefined) out.action = action;
  if (version !== undefined) out.version = version;
  return out;
}
