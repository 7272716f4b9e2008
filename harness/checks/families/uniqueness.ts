// uniqueness.*: collisions with a name that exists. The request rules' cases make that name first (a precreate),
// so each case may create one snapshot even though a conforming endpoint refuses the case itself.
import { concurrentCopiesProperty } from '../../../generators/stateful.js';
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

const withPrecreate: RuleEntry = { ...expectedSet, createsPerCase: 1 };

export const uniqueness = {
  'uniqueness.target-exists': withPrecreate,
  'uniqueness.case-insensitive': withPrecreate,
  'uniqueness.target-equals-source': expectedSet,
  // a race of two copies to one name: a broken endpoint may accept both
  'uniqueness.concurrent-copies': { judge: { kind: 'stateful', property: concurrentCopiesProperty }, createsPerCase: 2 },
} as const satisfies Record<RuleIdOfFamily<'uniqueness'>, RuleEntry>;
