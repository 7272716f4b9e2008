// post-state.*: what the endpoint shows afterwards. Each case reads before and/or after its answer, so it costs
// about three requests; the model sequence is a stateful property of up to 12 commands.
import { modelSequenceProperty } from '../../../generators/stateful.js';
import type { RuleIdOfFamily } from '../../../specs/rules.js';
import { notJudged, type RuleEntry } from '../entry.js';
import { acceptedIsListed, refusedChangesNothing, returnsTheCopy, tagsOnCopy } from '../post-state.js';

export const postState = {
  'post-state.returns-the-copy': {
    judge: { kind: 'accepted-copy', check: async (view, ex, input) => returnsTheCopy(ex, input, view.source.snapshot) },
    requestsPerCase: 3,
  },
  'post-state.accepted-is-listed': {
    judge: { kind: 'accepted-copy', check: async (view, _ex, input) => acceptedIsListed(await view.describe(input.TargetSnapshotName ?? '')) },
    requestsPerCase: 3,
  },
  'post-state.refused-changes-nothing': {
    judge: { kind: 'refused-copy', check: (before, after) => refusedChangesNothing(before.target, after.target, before.source, after.source) },
    requestsPerCase: 3,
  },
  'post-state.tags-on-copy': {
    judge: {
      kind: 'accepted-copy',
      check: async (view, ex, input) => {
        const keys = (input.Tags ?? []).map((t) => t.Key);
        if (new Set(keys).size !== keys.length) return notJudged; // duplicate keys: the contract leaves the result open
        const arn = ex.parsed?.kind === 'success' ? ex.parsed.snapshot?.ARN : undefined;
        if (!arn) return 'the copy has no ARN to list its tags by';
        const tags = await view.listTags(arn);
        return 'problem' in tags ? tags.problem : tagsOnCopy(input.Tags, view.source.tags ?? [], tags);
      },
    },
    requestsPerCase: 3,
  },
  'post-state.model-sequence': { judge: { kind: 'stateful', property: modelSequenceProperty }, createsPerCase: 12, requestsPerCase: 12 },
} as const satisfies Record<RuleIdOfFamily<'post-state'>, RuleEntry>;
