// state.*: a source that is not `available` (the --pending-snapshot fixture).
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

export const state = {
  'state.source-not-available': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'state'>, RuleEntry>;
