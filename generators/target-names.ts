// Renaming a case's target snapshot names: the one place that does it, for the sampled cases of a parity
// sequence (requests.ts), the lines of a corpus (corpus.ts) and every case a run sends (harness/run/send.ts).
import type { Case } from './types.js';

/** `<prefix><tag>-<rest>` for a name under `prefix`. */
export function taggedName(name: string, prefix: string, tag: string): string {
  return `${prefix}${tag}-${name.slice(prefix.length)}`;
}

/**
 * The case with each target name it owns renamed `<prefix><tag>-<rest>`, in its input and in the copy it makes
 * first alike (so a case variant still collides with that copy). `owns` says which names are the case's own
 * (default: those that start with `prefix`; other names, fixtures, are meant as they are). `tag` is asked for
 * once, and only when the case owns a name; a case that owns none is returned as it is.
 */
export function tagTargets(c: Case, prefix: string, tag: string | (() => string), owns: (name: string) => boolean = (name) => name.startsWith(prefix)): Case {
  const mine = (name: string | undefined): name is string => name !== undefined && owns(name);
  if (!mine(c.input?.TargetSnapshotName) && !mine(c.precreate?.TargetSnapshotName)) return c;
  const t = typeof tag === 'string' ? tag : tag();
  const rename = (name: string) => (mine(name) ? taggedName(name, prefix, t) : name);
  const out: Case = { ...c };
  if (c.input?.TargetSnapshotName !== undefined) out.input = { ...c.input, TargetSnapshotName: rename(c.input.TargetSnapshotName) };
  if (c.precreate?.TargetSnapshotName !== undefined) out.precreate = { ...c.precreate, TargetSnapshotName: rename(c.precreate.TargetSnapshotName) };
  return out;
}
