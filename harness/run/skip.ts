// Why a rule cannot run here, naming the flag that would enable it.
import type { FixtureNeed, Rule } from '../../specs/types.js';
import type { RunContext } from './context.js';

function missing(ctx: RunContext, need: FixtureNeed): string | undefined {
  const f = ctx.fixtures;
  if (need === 'source-snapshot') return f.sourceSnapshot ? undefined : 'needs an available source snapshot: pass --source-snapshot NAME (or --cluster ID to create one)';
  if (need === 'pending-snapshot') return f.pendingSnapshot ? undefined : 'needs a snapshot that is not available: pass --pending-snapshot NAME';
  if (need === 'export-bucket') return f.exportBucket ? undefined : 'needs a usable S3 bucket: pass --export-bucket NAME';
  if (need === 'snapshot-quota') return f.snapshotQuota !== undefined ? undefined : "needs the endpoint's snapshot quota: pass --snapshot-quota N";
  if (need === 'list-tags') return ctx.canListTags ? undefined : 'needs ListTagsForResource, which this endpoint does not answer';
  const condition = need.slice('bucket:'.length);
  if (!f.buckets?.[condition as keyof NonNullable<typeof f.buckets>])
    return `needs a bucket that is ${condition}: pass --bucket-fixture ${condition}=BUCKET`;
  if (condition === 'object-exists' && !f.existingExportTarget)
    return 'needs a target name whose export key exists in that bucket: pass --existing-export-target NAME';
  return undefined;
}

export function skipReason(ctx: RunContext, rule: Rule): string | undefined {
  for (const need of rule.needs) {
    const why = missing(ctx, need);
    if (why) return why;
  }
  if (rule.creates && ctx.budget.remaining <= 0) return `would create snapshots and the create budget is spent (--max-creates ${ctx.budget.max})`;
  return undefined;
}
