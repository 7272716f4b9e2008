// The one-line command that replays exactly one failing case.
import type { ResolvedConfig } from '../config.js';

/** A shell word as it can be pasted: plain when safe, else single-quoted. */
export function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The flags that name the run's endpoint (what `cleanup` takes): --endpoint, --region, --allow-aws. */
export function endpointFlags(config: Pick<ResolvedConfig, 'endpoint' | 'region' | 'allowAws'>): string[] {
  return [...(config.endpoint !== undefined ? ['--endpoint', config.endpoint] : []), ...(config.region !== undefined ? ['--region', config.region] : []), ...(config.allowAws ? ['--allow-aws'] : [])];
}

/** Target and fixture flags that reproduce this run's setup. */
export function targetFlags(config: ResolvedConfig): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) flags.push(flag, String(value));
  };
  flags.push(...endpointFlags(config));
  add('--handlers', config.handlers);
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

/**
 * A `curl` line that sends exactly this request to the run's endpoint, or undefined when it cannot (no URL,
 * or a body the report had to cut). For AWS it signs with curl's own SigV4 from credential variables, never values.
 */
export function curlCommand(config: ResolvedConfig, request: { method: string; path: string; body: string }): string | undefined {
  if (!config.endpoint || /… \(\d+ (characters|bytes)\)$/.test(request.body) || request.path.endsWith('?…')) return undefined;
  const url = new URL(request.path, config.endpoint).href;
  // always signed: endpoints such as moto route a request to a service by its SigV4 scope
  const line = ['curl', '-sS', '-i', '-X', request.method, url, '--aws-sigv4', `aws:amz:${config.region ?? 'us-east-1'}:elasticache`].map(quote);
  if (config.allowAws) line.push('--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"', '-H', '"x-amz-security-token: $AWS_SESSION_TOKEN"');
  else line.push('--user', 'conformance:conformance'); // the dummy credentials loopback endpoints get
  if (request.method !== 'GET') line.push('-H', quote('content-type: application/x-www-form-urlencoded'), '--data-binary', quote(request.body));
  return line.join(' ');
}
