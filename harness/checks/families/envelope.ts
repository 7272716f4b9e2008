// envelope.*: invariants of every answer. The run holds every answer (whichever rule's case sent it) to these
// checks, so they run last; envelope.unknown-action is a request rule (generators/wire.ts sends it).
import { faultByCode } from '../../../specs/faults.js';
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { errorShape, errorStatusMatchesCode, errorTypeSender, noServerError, successShape, successTypes } from '../envelope.js';
import { expectedSet, type AnswerCheck, type RuleEntry } from '../entry.js';
import type { Exchange } from '../../run/exchange-types.js';

const status = (ex: Exchange) => ex.parsed?.status;
const answer = (check: AnswerCheck): RuleEntry => ({ judge: { kind: 'answer', check } });

export const envelope = {
  'envelope.no-5xx': answer({ applies: (ex) => ex.answer !== undefined || ex.transportError !== undefined, check: noServerError }),
  'envelope.error-shape': answer({ applies: (ex) => (status(ex) ?? 0) >= 400 && (status(ex) ?? 0) < 500, check: errorShape }),
  'envelope.error-type-sender': answer({ applies: (ex) => ex.parsed?.kind === 'error' && ex.parsed.status < 500, check: errorTypeSender }),
  'envelope.error-status-matches-code': answer({
    applies: (ex) => ex.parsed?.kind === 'error' && ex.parsed.code !== undefined && faultByCode(ex.parsed.code) !== undefined,
    check: errorStatusMatchesCode,
  }),
  'envelope.success-shape': answer({ applies: (ex) => status(ex) === 200, check: successShape }),
  'envelope.success-types': answer({ applies: (ex) => ex.parsed?.kind === 'success' && ex.answer !== undefined, check: successTypes }),
  'envelope.unknown-action': expectedSet,
} as const satisfies Record<RuleIdOfFamily<'envelope'>, RuleEntry>;
