// quota.*: a declared snapshot quota (--snapshot-quota N), filled by the rule itself: it is a procedure, not a
// sample, and the SnapshotQuotaExceededFault it provokes is its verdict, not a reason to stop.
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import type { RuleEntry } from '../entry.js';

export const quota = {
  'quota.snapshot-quota': {
    judge: { kind: 'fill-quota' },
    oneCase: true,
    createsPerCase: (fixtures) => (fixtures.snapshotQuota ?? 0) + 1,
    judgesQuotaRefusals: true,
  },
} as const satisfies Record<RuleIdOfFamily<'quota'>, RuleEntry>;
