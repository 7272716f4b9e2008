// An endpoint with a snapshot quota (a declared --snapshot-quota, or AWS's own) fills up with the run's own
// copies until cleanup; after that, a copy the contract accepts is refused with SnapshotQuotaExceededFault.
// That answer says nothing about the rule whose case got it: the rule stops there, and is not failed.
import type { RuleId } from '../../specs/rules.js';
import { entryOf } from '../checks/index.js';
import type { Exchange } from './exchange-types.js';
import type { RunContext } from './context.js';

export class SnapshotQuotaFull extends Error {
  override readonly name = 'SnapshotQuotaFull';
}

/**
 * The error to stop `ruleId` with when `ex` is a quota refusal of a case that expects a 200, on an endpoint
 * known to have a quota. Elsewhere (no quota declared, not AWS) such an answer stays a failure: an endpoint
 * that refuses every copy for a quota nobody declared is wrong, and the quota rule judges quotas itself.
 */
export function quotaFull(ctx: RunContext, ruleId: RuleId, ex: Exchange, expectsSuccess: boolean): SnapshotQuotaFull | undefined {
  if (!expectsSuccess || entryOf(ruleId).judgesQuotaRefusals) return undefined;
  const quota = ctx.fixtures.snapshotQuota;
  if (quota === undefined && !ctx.target.isAws) return undefined;
  if (ex.parsed?.kind !== 'error' || ex.parsed.code !== 'SnapshotQuotaExceededFault') return undefined;
  return new SnapshotQuotaFull(`the endpoint's snapshot quota${quota !== undefined ? ` (${quota})` : ''} is full: a copy the contract accepts got SnapshotQuotaExceededFault (the run's own copies count until its cleanup)`);
}
