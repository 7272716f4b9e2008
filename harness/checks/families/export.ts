// export.*: request rules judged by their expected sets; the bucket fixtures they need are their contract entries'.
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { expectedSet, type RuleEntry } from '../entry.js';

export const exportRules = {
  'export.empty-bucket-is-plain-copy': expectedSet,
  'export.kms-with-bucket': expectedSet,
  'export.target-name-max-1000': expectedSet,
  'export.bucket-name-not-dns': expectedSet,
  'export.outside-region': expectedSet,
  'export.does-not-exist': expectedSet,
  'export.not-owned': expectedSet,
  'export.caller-denied': expectedSet,
  'export.object-exists': expectedSet,
  'export.no-read': expectedSet,
  'export.no-write': expectedSet,
  'export.no-read-acp': expectedSet,
  'export.accepted': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'export'>, RuleEntry>;
