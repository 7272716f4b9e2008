// wire.*: raw requests the SDK cannot send (generators/wire.ts builds their cases), judged by their expected sets.
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

export const wire = {
  'wire.duplicate-form-keys': expectedSet,
  'wire.bad-percent-encoding': expectedSet,
  'wire.invalid-utf8': expectedSet,
  'wire.missing-action': expectedSet,
  'wire.missing-version': expectedSet,
  'wire.other-version': expectedSet,
  'wire.get-query-string': expectedSet,
  'wire.tags-member-alias': expectedSet,
  'wire.tag-index-gaps': expectedSet,
  'wire.large-body': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'wire'>, RuleEntry>;
