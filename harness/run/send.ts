// Send one case: encode, record the intent to create, send (retrying Throttling), parse.
import { encodeCopySnapshotBody } from '../../protocol/form-encode.js';
import { tagTargets } from '../../generators/target-names.js';
import { service } from '../../specs/members.js';
import { parseForm, readAnswer } from '../../protocol/index.js';
import { EndpointUnreachableError, RunInterrupted } from '../errors.js';
import { redact } from '../../protocol/redact.js';
import { TransportError, withThrottleRetry, type Send, type WireAnswer, type WireRequest } from '../transport/index.js';
import { CreateBudgetExhausted } from './budget.js';
import { answerSummary, isProtocolExchange, rootCauseOf } from './root-cause.js';
import type { Case, RunContext } from './context.js';
import type { Exchange, SentRequest } from './exchange-types.js';

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function wireRequestOf(c: Case): WireRequest {
  if (c.wire) {
    const req: WireRequest = { method: c.wire.method, path: c.wire.path, body: c.wire.body, headers: { ...(c.wire.headers ?? {}) } };
    if (c.wire.query !== undefined) req.query = c.wire.query;
    return req;
  }
  return {
    method: 'POST',
    path: '/',
    headers: { 'content-type': service.contentType },
    body: encodeCopySnapshotBody(c.input ?? {}),
  };
}

const shownLimit = 4096;
/** what is redacted before the cut at 4 KiB: enough that a secret crossing the cut is whole in it */
const redactWindow = shownLimit + 16_384;

/**
 * The request as a report shows it, redacted and then cut: bodies past 4 KiB are cut (decoding a 1 MiB body per
 * request is waste, so only a window past the cut is decoded and redacted), never cut before redaction.
 */
function shown(req: WireRequest): SentRequest {
  const size = typeof req.body === 'string' ? req.body.length : req.body.byteLength;
  const window = typeof req.body === 'string' ? req.body.slice(0, redactWindow) : decoder.decode(req.body.subarray(0, redactWindow));
  const safe = redact(window);
  const body = req.method === 'GET' ? redact(req.query ?? '') : size > shownLimit ? `${safe.slice(0, shownLimit)}… (${size} ${typeof req.body === 'string' ? 'characters' : 'bytes'})` : safe;
  return { method: req.method, path: req.query !== undefined && req.method === 'GET' ? `${req.path}?…` : req.path, body };
}

/**
 * Every name of ours a request could create: its TargetSnapshotName, and for a hand-made wire body any
 * form value that carries the run's prefix (a duplicate key, the `member` alias, a case variant).
 */
function ownedTargets(ctx: RunContext, c: Case, req: WireRequest): string[] {
  const ours = (name: string | undefined): name is string => name !== undefined && name.toLowerCase().startsWith(ctx.namePrefix);
  const names = new Set<string>();
  if (ours(c.input?.TargetSnapshotName)) names.add(c.input.TargetSnapshotName);
  if (c.wire) {
    const text = req.method === 'GET' ? (req.query ?? '') : typeof req.body === 'string' ? req.body : decoder.decode(req.body);
    if (text.length < 65_536) for (const [, value] of parseForm(text).pairs) if (ours(value)) names.add(value);
  }
  // a source the run made itself (--cluster) is named with the prefix too, but a copy never creates it
  for (const fixture of [ctx.fixtures.sourceSnapshot, ctx.fixtures.pendingSnapshot, c.input?.SourceSnapshotName]) if (fixture !== undefined) names.delete(fixture);
  return [...names];
}

/** The target's send with Throttling retried (never a verdict) and counted. */
const throttledSends = new WeakMap<RunContext['target'], Send>();
function sendOf(ctx: RunContext): Send {
  let send = throttledSends.get(ctx.target);
  if (!send) {
    send = withThrottleRetry(ctx.target.send, { onThrottle: () => ctx.stats.throttled++ });
    throttledSends.set(ctx.target, send);
  }
  return send;
}

async function sendWithRetry(ctx: RunContext, req: WireRequest): Promise<WireAnswer> {
  ctx.stats.requests++;
  if (ctx.ruleStats) ctx.ruleStats.requests++;
  return sendOf(ctx)(req, { timeoutMs: ctx.config.timeoutMs, signal: ctx.signal });
}

let sequence = 0;

/**
 * Give an owned target a name never sent before: fast-check replays values while shrinking, and a
 * second copy onto the same name would be refused for a reason the case is not about.
 */
export function withFreshTarget(ctx: RunContext, c: Case): Case {
  // fixture names (a source the run made with --cluster is owned too) are meant as they are
  const fixed = new Set([ctx.fixtures.sourceSnapshot, ctx.fixtures.pendingSnapshot, c.input?.SourceSnapshotName].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
  const owned = (name: string) => name.toLowerCase().startsWith(ctx.namePrefix) && !fixed.has(name.toLowerCase());
  return tagTargets(c, ctx.namePrefix, () => (++sequence).toString(36), owned);
}

export interface SendOptions {
  /** stateful commands name their targets on purpose: send the name as it is */
  keepName?: boolean;
  /** the case's wire request, already built by a caller that keeps it too (with keepName: it is the same) */
  wire?: WireRequest;
}

/** The case names the run's real source: a copy of it could create even where a refusal is expected. */
function copiesRealSource(ctx: RunContext, c: Case): boolean {
  const source = c.input?.SourceSnapshotName?.toLowerCase();
  return source !== undefined && source === ctx.fixtures.sourceSnapshot?.toLowerCase();
}

/** A protocol answer: an envelope the checks can judge (not an HTML page, not a 5xx, not silence). */
export const isProtocolAnswer = isProtocolExchange;

/** Count one answer the rule being run judged. */
export function judged(ctx: RunContext): void {
  if (ctx.ruleStats) ctx.ruleStats.judged++;
}

/**
 * Several requests in a row got no answer. Is the endpoint gone (stop the run, exit 3), or do only some
 * requests hang (then those cases fail their rules)? One DescribeSnapshots decides; concurrent callers share it.
 */
async function confirmDown(ctx: RunContext, last: TransportError): Promise<void> {
  ctx.control.liveness ??= (async () => {
    try {
      await sendWithRetry(ctx, { method: 'POST', path: '/', headers: { 'content-type': service.contentType }, body: 'Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=20' });
      ctx.health.success();
      return true;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return false;
    }
  })().finally(() => {
    delete ctx.control.liveness;
  });
  const alive = await ctx.control.liveness;
  if (!alive && !ctx.control.abort) ctx.control.abort = { reason: `the endpoint stopped answering (${last.kind}: ${last.message})`, exitCode: 3 };
}

/** Send `c` and parse the answer. Transport failures become `transportError`; a dead endpoint aborts the run. */
export async function sendCase(ctx: RunContext, original: Case, options: SendOptions = {}): Promise<Exchange> {
  if (ctx.control.abort) throw new EndpointUnreachableError(ctx.control.abort.reason);
  if (ctx.signal.aborted) throw new RunInterrupted('interrupted');
  const c = options.keepName ? original : withFreshTarget(ctx, original);
  const req = options.keepName && options.wire ? options.wire : wireRequestOf(c);
  const ex: Exchange = { request: shown(req) };
  if (c.input) ex.request.sdkInput = c.input;
  const owned = ownedTargets(ctx, c, req);
  const mayCreate = owned.length > 0 && c.expect.some((o) => o.status === 200);
  if (mayCreate) ctx.budget.take();
  else if (owned.length > 0 && copiesRealSource(ctx, c) && !ctx.budget.allowsUnplanned())
    throw new CreateBudgetExhausted(`the endpoint created snapshots it should have refused and the create budget is spent (--max-creates ${ctx.budget.max})`);
  if (owned.length > 0) ctx.ledger.intent(owned);
  try {
    const answer = await sendWithRetry(ctx, req);
    ctx.health.success();
    ex.answer = answer;
    ex.parsed = readAnswer(answer.status, answer.headers, answer.body);
    if (owned.length > 0) {
      // a refusal's answer line lets cleanup skip the name; a 200's carries the name the endpoint stored
      const stored = ex.parsed.kind === 'success' ? ex.parsed.snapshot?.SnapshotName : undefined;
      ctx.ledger.answer(owned, answer.status, stored);
      if (answer.status === 200 && !mayCreate) ctx.budget.record();
    }
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    ctx.health.record(error);
    ex.transportError = { kind: error.kind, message: error.message };
    if (ctx.health.isDown()) await confirmDown(ctx, error);
  }
  ctx.observer.observe(c, ex);
  const stats = ctx.ruleStats;
  if (stats) {
    stats.answers++;
    if (isProtocolAnswer(ex)) stats.protocol++;
    else {
      const cause = causeOf(ex);
      stats.causes[cause] = (stats.causes[cause] ?? 0) + 1;
    }
  }
  return ex;
}

/** What a non-protocol answer was, in words a mock author can act on (the same words for the same cause). */
export function causeOf(ex: Exchange): string {
  return rootCauseOf(ex) ?? answerSummary(ex);
}
