// Diagnose the endpoint before any rule runs: a dozen CopySnapshot requests that every conforming endpoint
// refuses (and that can never create anything), plus one DescribeSnapshots to tell "up, but without
// CopySnapshot" from "broken". The run prints the diagnosis first instead of a thousand identical failures.
import type { RuleId } from '../../specs/rules.js';
import { contract } from '../../specs/contract.js';
import { service } from '../../specs/members.js';
import type { CopySnapshotInput, Outcome } from '../../specs/types.js';
import { formBody, copySnapshotMemberPairs, type FormPair } from '../../protocol/form-encode.js';
import { expectedOutcome, stateFromFixtures, unionOfOutcomes } from '../../generators/oracle.js';
import { readAnswer } from '../../protocol/index.js';
import { EndpointUnreachableError, RunInterrupted } from '../errors.js';
import type { Diagnosis } from '../result.js';
import { TransportError, withThrottleRetry, type WireRequest } from '../transport/index.js';
import type { Case, RunContext } from './context.js';
import type { Exchange } from './exchange-types.js';
import { answerSummary, countCauses, isProtocolExchange, rootCauseOf } from './root-cause.js';
import { sendCase } from './send.js';

export interface PreflightResult {
  diagnosis: Diagnosis;
  /** the answers to the CopySnapshot cases, in the order of `cases` (fewer when the endpoint stopped answering) */
  exchanges: Exchange[];
  /** DescribeSnapshots answered 200 with a DescribeSnapshotsResponse */
  describeOk: boolean;
  /** the DescribeSnapshots exchange */
  describe: Exchange;
  /** the CopySnapshot cases, each with the rule it exercises and that rule's expected outcomes */
  cases: Case[];
}

/** DescribeSnapshots exactly as the SDK sends it. */
export const describeSnapshotsBody = `Action=DescribeSnapshots&Version=${service.version}&MaxRecords=20`;

const outcomesOf = (rule: RuleId): readonly Outcome[] => {
  const found = contract.rules.get(rule);
  if (!found) throw new Error(`preflight names a rule the contract does not have: ${rule}`);
  return found.expect;
};

/**
 * The preflight's CopySnapshot cases. Every source that is named does not exist (it is under the run's own
 * prefix, so it is no fixture), and every target is under the run's prefix: nothing can be copied, so they
 * cost no create budget even on AWS. Expected outcomes come from the oracle, or the rule's `expect`.
 */
export function preflightCases(ctx: Pick<RunContext, 'namePrefix' | 'fixtures'>): Case[] {
  const state = stateFromFixtures(ctx.fixtures);
  const missing = `${ctx.namePrefix}preflight-no-such-source`;
  const target = (n: number) => `${ctx.namePrefix}preflight-${n}`;
  const tags = (count: number, key = (i: number) => `k${i}`, value = 'v') => Array.from({ length: count }, (_, i) => ({ Key: key(i + 1), Value: value }));
  const oracle = (input: CopySnapshotInput) => expectedOutcome(contract, state, input).outcomes;
  const sdkCase = (rule: RuleId, input: CopySnapshotInput): Case => ({ rule, input, expect: oracle(input) });
  const post = (pairs: FormPair[]) => ({ method: 'POST', path: '/', headers: { 'content-type': service.contentType }, body: formBody(pairs) });
  /** a raw request: what the oracle says of its members, or a refusal the wire rule allows (never its success) */
  const wireCase = (rule: RuleId, input: CopySnapshotInput, wire: Case['wire']): Case => ({
    rule,
    wire,
    expect: unionOfOutcomes([oracle(input), outcomesOf(rule).filter((o) => o.status !== 200)]),
  });
  const plain = (n: number): CopySnapshotInput => ({ SourceSnapshotName: missing, TargetSnapshotName: target(n) });
  const { maxTagsPerResource, maxTagKeyLength, maxTagValueLength, reservedTagPrefix } = contract.limits;
  return [
    sdkCase('names.source-required', { TargetSnapshotName: target(1) }),
    sdkCase('names.target-required', { SourceSnapshotName: missing }),
    sdkCase('names.source-blank', { SourceSnapshotName: '', TargetSnapshotName: target(3) }),
    sdkCase('names.target-blank', { SourceSnapshotName: missing, TargetSnapshotName: '' }),
    sdkCase('names.source-not-found', plain(5)),
    sdkCase('tags.max-50', { ...plain(6), Tags: tags(maxTagsPerResource + 1) }),
    sdkCase('tags.key-max-128', { ...plain(7), Tags: [{ Key: 'k'.repeat(maxTagKeyLength + 1), Value: 'v' }] }),
    sdkCase('tags.value-max-256', { ...plain(8), Tags: [{ Key: 'k', Value: 'v'.repeat(maxTagValueLength + 1) }] }),
    sdkCase('tags.key-reserved-prefix', { ...plain(9), Tags: [{ Key: `${reservedTagPrefix}preflight`, Value: 'v' }] }),
    wireCase('wire.other-version', plain(10), post([['Action', service.action], ['Version', '2099-01-01'], ...copySnapshotMemberPairs(plain(10))])),
    wireCase('wire.get-query-string', plain(11), {
      method: 'GET',
      path: '/',
      query: formBody([['Action', service.action], ['Version', service.version], ...copySnapshotMemberPairs(plain(11))]),
      body: '',
    }),
    {
      rule: 'envelope.unknown-action',
      wire: post([['Action', `${service.action}X`], ['Version', service.version], ...copySnapshotMemberPairs(plain(12))]),
      expect: outcomesOf('envelope.unknown-action'),
    },
  ];
}

/** DescribeSnapshots straight to the target: it is no CopySnapshot case, so the envelope invariants must not judge it. */
async function sendDescribe(ctx: RunContext): Promise<Exchange> {
  if (ctx.signal.aborted) throw new RunInterrupted('interrupted');
  const req: WireRequest = { method: 'POST', path: '/', headers: { 'content-type': service.contentType }, body: describeSnapshotsBody };
  const ex: Exchange = { request: { method: req.method, path: req.path, body: describeSnapshotsBody } };
  try {
    const send = withThrottleRetry(ctx.target.send, { onThrottle: () => ctx.stats.throttled++ });
    const answer = await send(req, { timeoutMs: ctx.config.timeoutMs, signal: ctx.signal });
    ex.answer = answer;
    ex.parsed = readAnswer(answer.status, answer.headers, answer.body);
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    ex.transportError = { kind: error.kind, message: error.message };
  }
  return ex;
}

function describeAnswersNormally(ex: Exchange): boolean {
  return ex.answer?.status === 200 && ex.parsed?.kind === 'success' && ex.parsed.rootName === 'DescribeSnapshotsResponse';
}

/** The diagnosis of what the preflight saw; `notSent` when the endpoint stopped answering part way. */
export function diagnose(label: string, copies: readonly Exchange[], describe: Exchange, notSent?: { count: number; reason: string }): Diagnosis {
  const answers = copies.length;
  const protocolAnswers = copies.filter(isProtocolExchange).length;
  const causes = copies.map(rootCauseOf).filter((c): c is string => c !== undefined);
  const { distinct, listed } = countCauses(causes);
  const only = distinct === 1 ? causes[0] : undefined;
  const tail = notSent && notSent.count > 0 ? `; ${notSent.count} not sent: ${notSent.reason}` : '';
  const result = (copySnapshot: Diagnosis['copySnapshot'], line: string): Diagnosis => ({ copySnapshot, line: line + tail, answers, protocolAnswers });
  if (answers === 0) return result('not-implemented', `CopySnapshot could not be checked at ${label}: no preflight request was sent`);
  if (protocolAnswers === answers) return result('implemented', `CopySnapshot at ${label} speaks the protocol (${answers} of ${answers} preflight answers)`);
  if (protocolAnswers > 0) {
    const rest = answers - protocolAnswers;
    return result('partial', `CopySnapshot at ${label} answered ${protocolAnswers} of ${answers} preflight requests with the protocol; ${rest} ${only ? `were ${only}` : `were not: ${listed}`}`);
  }
  // nothing answered at all: that is an endpoint that is not there, not one that lacks CopySnapshot
  if (copies.every((ex) => ex.transportError) && describe.transportError)
    return result('not-implemented', `CopySnapshot could not be checked at ${label}: no preflight request got an answer (${listed}; DescribeSnapshots: ${answerSummary(describe)})`);
  const describeClause = describeAnswersNormally(describe) ? 'DescribeSnapshots answers normally' : `DescribeSnapshots fails too: ${answerSummary(describe)}`;
  const what = only ? `were ${only}` : `were not the protocol: ${listed}`;
  return result('not-implemented', `CopySnapshot is not implemented at ${label}: ${answers} of ${answers} answers ${what} (${describeClause})`);
}

/**
 * Send the preflight (default through `sendCase`, so requests are counted, ledgered and health-checked like
 * any other) and classify the endpoint. Never throws for what the endpoint does: once it stops answering,
 * the rest is not sent and the diagnosis says so (the run's abort flag is set by sendCase, as for any case).
 * An interrupted run (RunInterrupted) still throws.
 */
export async function runPreflight(ctx: RunContext, send: (c: Case) => Promise<Exchange> = (c) => sendCase(ctx, c)): Promise<PreflightResult> {
  const previous = ctx.phase.current;
  ctx.phase.current = 'preflight';
  try {
    const describe = await sendDescribe(ctx);
    const cases = preflightCases(ctx);
    const exchanges: Exchange[] = [];
    let stopped: string | undefined;
    for (const c of cases) {
      try {
        exchanges.push(await send(c));
      } catch (error) {
        if (!(error instanceof EndpointUnreachableError)) throw error;
        stopped = error.message;
        break;
      }
    }
    const notSent = stopped !== undefined ? { count: cases.length - exchanges.length, reason: stopped } : undefined;
    return { diagnosis: diagnose(ctx.target.label, exchanges, describe, notSent), exchanges, describeOk: describeAnswersNormally(describe), describe, cases };
  } finally {
    ctx.phase.current = previous;
  }
}
