// names.*: request rules judged by their expected sets (generators/requests.ts builds their cases).
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

export const names = {
  'names.source-required': expectedSet,
  'names.target-required': expectedSet,
  'names.source-blank': expectedSet,
  'names.target-blank': expectedSet,
  'names.whitespace': expectedSet,
  'names.source-not-found': expectedSet,
  'names.any-target-name': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'names'>, RuleEntry>;
