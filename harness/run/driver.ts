// The EndpointDriver the generators' stateful model drives: copy, describe, delete, wait.
import { formBody } from '../../protocol/form-encode.js';
import type { DriverAnswer, EndpointDriver } from '../../generators/stateful.js';
import type { RuleId } from '../../specs/rules.js';
import { readAnswer } from '../../protocol/index.js';
import { TransportError } from '../transport/index.js';
import { withOwnershipTag, type RunContext } from './context.js';
import { describeSnapshot } from './endpoint-ops.js';
import { waitAvailable } from './fixtures.js';
import { quotaFull } from './quota-full.js';
import { isProtocolAnswer, judged, sendCase } from './send.js';

export type { DriverAnswer, EndpointDriver as RunDriver } from '../../generators/stateful.js';

function answerOf(parsed: ReturnType<typeof readAnswer>): DriverAnswer {
  if (parsed.kind === 'malformed') return { status: parsed.status, problem: parsed.reason };
  if (parsed.kind === 'error') {
    const a: DriverAnswer = { status: parsed.status };
    if (parsed.code !== undefined) a.code = parsed.code;
    return a;
  }
  const a: DriverAnswer = { status: parsed.status };
  const s = parsed.snapshot ?? (parsed.result as { Snapshot?: { SnapshotName?: string; SnapshotStatus?: string } }).Snapshot;
  if (s?.SnapshotName !== undefined) a.snapshotName = s.SnapshotName;
  if (s?.SnapshotStatus !== undefined) a.snapshotStatus = s.SnapshotStatus;
  return a;
}

export function createRunDriver(ctx: RunContext, ruleId: RuleId): EndpointDriver {
  const client = ctx.target;
  return {
    async copy(input) {
      const ex = await sendCase(ctx, { rule: ruleId, input: withOwnershipTag(ctx, input), expect: [{ status: 200 }, { status: '4xx' }] }, { keepName: true });
      if (ex.transportError) return { problem: `${ex.transportError.kind}: ${ex.transportError.message}` };
      // the model expects a copy onto a fresh name to be accepted; a full quota stops the sequence, not fails it
      const full = quotaFull(ctx, ruleId, ex, true);
      if (full) throw full;
      if (isProtocolAnswer(ex)) judged(ctx);
      return answerOf(ex.parsed!);
    },
    async describe(name) {
      const found = await describeSnapshot(client, name);
      if ('problem' in found) return { exists: false, problem: found.problem };
      return found.exists ? { exists: true, ...(found.snapshot.SnapshotStatus ? { status: found.snapshot.SnapshotStatus } : {}) } : { exists: false };
    },
    async remove(name) {
      try {
        if (ctx.ruleStats) ctx.ruleStats.requests++;
        const answer = await ctx.target.send(
          {
            method: 'POST',
            path: '/',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: formBody([['Action', 'DeleteSnapshot'], ['Version', '2015-02-02'], ['SnapshotName', name]]),
          },
          { timeoutMs: ctx.config.timeoutMs, signal: ctx.signal },
        );
        const a = answerOf(readAnswer(answer.status, answer.headers, answer.body));
        // not marked deleted here: cleanup confirms with DescribeSnapshots that it is gone
        return a;
      } catch (error) {
        if (error instanceof TransportError) return { problem: `${error.kind}: ${error.message}` };
        throw error;
      }
    },
    waitAvailable: (name) => waitAvailable(ctx, name, ctx.target.isAws ? 30 * 60_000 : Math.min(ctx.config.timeoutMs, 5_000)),
  };
}
