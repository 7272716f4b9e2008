// Every request the run sends, counted where it leaves: the target's `send`. The SDK client, the raw cases,
// retries of Throttling and cleanup all pass through it, so the counts are what a logging proxy sees.
import type { Phase, RequestCounts } from '../result.js';
import { lazySdkClient, type Target, type WireRequest } from '../transport/index.js';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
/** The actions a run sends on purpose; the report counts each, and the rest as `other`. */
const knownActions = new Set(['CopySnapshot', 'CreateSnapshot', 'DescribeSnapshots', 'DeleteSnapshot', 'ListTagsForResource']);
const actionPattern = /(?:^|&)Action=([^&]*)/;

/** The Query `Action` of a request (form body, else query string); `other` when it names none. */
export function actionOf(req: WireRequest): string {
  const body = typeof req.body === 'string' ? req.body : decoder.decode(req.body.subarray(0, 4096));
  const found = actionPattern.exec(body) ?? actionPattern.exec(req.query ?? '');
  if (!found) return 'other';
  try {
    return decodeURIComponent(found[1]!.replace(/\+/g, ' ')) || 'other';
  } catch {
    return 'other';
  }
}

export function emptyCounts(): RequestCounts {
  return { total: 0, byAction: {}, byPhase: { preflight: 0, setup: 0, rules: 0, cleanup: 0 } };
}

/** The run's phase, shared by every view of the run context. */
/** Add `from`'s counts into `into` (shards merged, the two sides of a diff). */
export function addCounts(into: RequestCounts, from: RequestCounts): void {
  into.total += from.total;
  for (const [action, n] of Object.entries(from.byAction)) into.byAction[action] = (into.byAction[action] ?? 0) + n;
  for (const [phase, n] of Object.entries(from.byPhase) as [keyof RequestCounts['byPhase'], number][]) into.byPhase[phase] += n;
}

export interface PhaseRef {
  current: Phase;
}

/** `target` with every send counted into `counts` under the current phase (its SDK client too). */
export function countingTarget(target: Target, counts: RequestCounts, phase: PhaseRef, timeoutMs: number): Target {
  const send: Target['send'] = (req, opts) => {
    counts.total++;
    counts.byPhase[phase.current]++;
    const action = actionOf(req);
    // unknown and odd actions are what some rules send on purpose: they count as `other`
    const key = knownActions.has(action) ? action : 'other';
    counts.byAction[key] = (counts.byAction[key] ?? 0) + 1;
    return target.send(req, opts);
  };
  let client: ReturnType<Target['sdkClient']> | undefined;
  return { ...target, send, sdkClient: () => (client ??= lazySdkClient(send, target.region, timeoutMs)), close: () => target.close() };
}
