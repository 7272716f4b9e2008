// tags.*: request rules judged by their expected sets (generators/requests.ts builds their cases).
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

export const tags = {
  'tags.max-50': expectedSet,
  'tags.up-to-50-accepted': expectedSet,
  'tags.value-optional': expectedSet,
  'tags.key-required': expectedSet,
  'tags.key-max-128': expectedSet,
  'tags.value-max-256': expectedSet,
  'tags.key-reserved-prefix': expectedSet,
  'tags.value-reserved-prefix': expectedSet,
  'tags.duplicate-keys': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'tags'>, RuleEntry>;
