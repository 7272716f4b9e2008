// Why a rule cannot run here, naming the flag that would enable it.
import { needsOf } from '../../generators/requests.js';
import type { ContractRule as Rule } from '../../specs/rules.js';
import type { FixtureNeed, Fixtures } from '../../specs/types.js';

function missing(f: Fixtures, canListTags: boolean, need: FixtureNeed): string | undefined {
  if (need === 'source-snapshot') return f.sourceSnapshot ? undefined : 'needs an available source snapshot: pass --source-snapshot NAME (or --cluster ID to create one)';
  if (need === 'pending-snapshot') return f.pendingSnapshot ? undefined : 'needs a snapshot that is not available: pass --pending-snapshot NAME';
  if (need === 'export-bucket') return f.exportBucket ? undefined : 'needs a usable S3 bucket: pass --export-bucket NAME';
  if (need === 'snapshot-quota') return f.snapshotQuota !== undefined ? undefined : "needs the endpoint's snapshot quota: pass --snapshot-quota N";
  if (need === 'list-tags') return canListTags ? undefined : 'needs ListTagsForResource, which this endpoint does not answer';
  const condition = need.slice('bucket:'.length);
  if (!f.buckets?.[condition as keyof NonNullable<typeof f.buckets>])
    return `needs a bucket that is ${condition}: pass --bucket-fixture ${condition}=BUCKET`;
  if (condition === 'object-exists' && !f.existingExportTarget)
    return 'needs a target name whose export key exists in that bucket: pass --existing-export-target NAME';
  return undefined;
}

/** The first fixture `rule` lacks, as the flag that would supply it; undefined when it has all. */
export function missingFixture(fixtures: Fixtures, canListTags: boolean, rule: Rule): string | undefined {
  for (const need of needsOf(rule.id)) {
    const why = missing(fixtures, canListTags, need);
    if (why) return why;
  }
  return undefined;
}
