// The one-line command that replays exactly one failing case.
import type { ResolvedConfig } from '../config.js';

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Target and fixture flags that reproduce this run's setup. */
export function targetFlags(config: ResolvedConfig): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) flags.push(flag, String(value));
  };
  add('--endpoint', config.endpoint);
  add('--region', config.region);
  add('--handlers', config.handlers);
  if (config.allowAws) flags.push('--allow-aws');
  const f = config.fixtures;
  add('--source-snapshot', f.sourceSnapshot);
  add('--pending-snapshot', f.pendingSnapshot);
  add('--export-bucket', f.exportBucket);
  for (const [condition, bucket] of Object.entries(f.buckets ?? {})) add('--bucket-fixture', `${condition}=${bucket}`);
  add('--existing-export-target', f.existingExportTarget);
  add('--snapshot-quota', f.snapshotQuota);
  add('--cluster', f.cluster);
  if (config.timeoutMs !== 10_000) add('--timeout-ms', config.timeoutMs);
  return flags;
}

export function replayCommand(config: ResolvedConfig, ruleId: string, seed: number, path: string): string {
  return ['copysnapshot-conformance', 'replay', ...targetFlags(config), '--rule', ruleId, '--seed', String(seed), '--path', path]
    .map(quote)
    .join(' ');
}
