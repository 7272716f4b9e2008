// The steps a parity sequence is made of, each sent through the run's own machinery (budget, ledger, counts,
// cleanup) and recorded as one cassette exchange: a case's copy, a DescribeSnapshots by name, a delete, a wait.
import type { Case } from '../../generators/types.js';
import { ruleList } from '../../specs/rules.js';
import { formBody, type FormPair } from '../../protocol/index.js';
import { service } from '../../specs/members.js';
import { TransportError, type WireAnswer, type WireRequest } from '../transport/index.js';
import type { RunContext } from '../run/context.js';
import { sendCase, wireRequestOf } from '../run/send.js';
import type { StepKind } from '../parity-types.js';
import { storeBody, storeResponse, type CassetteExchange, type StoredRequest } from './cassette.js';
import { listedSnapshot, normalizeAnswer, normalizeDescribe, normalizeNoAnswer, normalizeTagList, RequestIdRefs, type NormalizeScope } from './normalize.js';

const ruleIds = new Set<string>(ruleList.map((r) => r.id));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records the steps of one side of a comparison, in order. */
export class StepRecorder {
  readonly exchanges: CassetteExchange[] = [];
  private readonly refs = new RequestIdRefs();
  /** the ARN each accepted copy's answer gave (lowercased name → ARN): what a list-tags step lists */
  private readonly arns = new Map<string, string>();
  constructor(
    readonly ctx: RunContext,
    readonly scope: NormalizeScope,
  ) {}

  private push(line: Omit<CassetteExchange, 'type' | 'seq'>): CassetteExchange {
    const ex: CassetteExchange = { type: 'exchange', seq: this.exchanges.length, ...line };
    this.exchanges.push(ex);
    return ex;
  }

  /** A case's request (or the copy it makes first), through sendCase: ledgered, budgeted, counted. */
  async copy(rule: string, casePath: string, step: 'copy' | 'precreate', c: Case): Promise<CassetteExchange> {
    const wire = wireRequestOf(c);
    const ex = await sendCase(this.ctx, c, { keepName: true, wire });
    const request = storedRequest(wire);
    if (c.input && !c.wire) request.sdkInput = c.input;
    const line: Omit<CassetteExchange, 'type' | 'seq'> = { rule, case: casePath, step, request, expect: c.expect, normalized: normalizeNoAnswer('none') };
    if (c.precreate) line.precreate = c.precreate;
    if (c.rule !== rule && ruleIds.has(c.rule)) line.drawnFor = c.rule;
    if (ex.answer) {
      line.response = storeResponse(ex.answer.status, ex.answer.headers, ex.answer.body);
      line.normalized = normalizeAnswer(ex.answer, this.scope, this.refs);
      const arn = ex.parsed?.kind === 'success' ? ex.parsed.snapshot?.ARN : undefined;
      if (arn && c.input?.TargetSnapshotName) this.arns.set(c.input.TargetSnapshotName.toLowerCase(), arn);
    } else if (ex.transportError) {
      line.transportError = ex.transportError;
      line.normalized = normalizeNoAnswer(ex.transportError.kind);
    }
    return this.push(line);
  }

  /** DescribeSnapshots by name: is it listed, under which name, in which state. */
  async describe(rule: string, casePath: string, name: string): Promise<CassetteExchange> {
    return this.housekeeping(rule, casePath, 'describe', name, actionRequest('DescribeSnapshots', [['SnapshotName', name]]));
  }

  async remove(rule: string, casePath: string, name: string): Promise<CassetteExchange> {
    return this.housekeeping(rule, casePath, 'delete', name, actionRequest('DeleteSnapshot', [['SnapshotName', name]]));
  }

  /** ListTagsForResource of the copy named `name`, by the ARN its copy's answer gave (none: recorded as such). */
  async listTags(rule: string, casePath: string, name: string): Promise<CassetteExchange> {
    const arn = this.arns.get(name.toLowerCase());
    if (arn === undefined) {
      const request = storedRequest({ method: 'POST', path: '/', body: '' });
      request.snapshotName = name;
      return this.push({ rule, case: casePath, step: 'list-tags', request, normalized: normalizeNoAnswer('no ARN: the copy was not accepted') });
    }
    return this.housekeeping(rule, casePath, 'list-tags', name, actionRequest('ListTagsForResource', [['ResourceName', arn]]));
  }

  /** Poll until `name` is available (or the time is up); recorded as its last answer, however many polls it took. */
  async wait(rule: string, casePath: string, name: string): Promise<CassetteExchange> {
    const timeoutMs = this.ctx.target.isAws ? 30 * 60_000 : Math.min(this.ctx.config.timeoutMs, 5_000);
    const deadline = Date.now() + timeoutMs;
    const req = actionRequest('DescribeSnapshots', [['SnapshotName', name]]);
    let last: { answer?: WireAnswer; error?: TransportError } = {};
    for (let delay = 20; ; delay = Math.min(delay * 2, 5_000)) {
      last = await this.send(req);
      if (last.answer && statusOf(last.answer, name) === 'available') break;
      if (Date.now() >= deadline || this.ctx.signal.aborted) break;
      await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
    }
    const line = this.line(rule, casePath, 'wait', name, req, last);
    line.available = last.answer !== undefined && statusOf(last.answer, name) === 'available';
    line.normalized.available = line.available;
    return this.push(line);
  }

  private async housekeeping(rule: string, casePath: string, step: StepKind, name: string, req: WireRequest): Promise<CassetteExchange> {
    return this.push(this.line(rule, casePath, step, name, req, await this.send(req)));
  }

  private line(rule: string, casePath: string, step: StepKind, name: string, req: WireRequest, got: { answer?: WireAnswer; error?: TransportError }): Omit<CassetteExchange, 'type' | 'seq'> {
    const request = storedRequest(req);
    request.snapshotName = name;
    const line: Omit<CassetteExchange, 'type' | 'seq'> = { rule, case: casePath, step, request, normalized: normalizeNoAnswer('none') };
    if (got.answer) {
      line.response = storeResponse(got.answer.status, got.answer.headers, got.answer.body);
      line.normalized =
        step === 'delete' ? normalizeAnswer(got.answer, this.scope, this.refs) : step === 'list-tags' ? normalizeTagList(got.answer, this.scope, this.refs) : normalizeDescribe(got.answer, name, this.scope, this.refs);
    } else if (got.error) {
      line.transportError = { kind: got.error.kind, message: got.error.message };
      line.normalized = normalizeNoAnswer(got.error.kind);
    }
    return line;
  }

  private async send(req: WireRequest): Promise<{ answer?: WireAnswer; error?: TransportError }> {
    try {
      if (this.ctx.ruleStats) this.ctx.ruleStats.requests++;
      return { answer: await this.ctx.target.send(req, { timeoutMs: this.ctx.config.timeoutMs, signal: this.ctx.signal }) };
    } catch (error) {
      if (error instanceof TransportError) return { error };
      throw error;
    }
  }
}

/** One housekeeping action as a Query request. */
function actionRequest(action: string, params: readonly FormPair[]): WireRequest {
  return { method: 'POST', path: '/', headers: { 'content-type': service.contentType }, body: formBody([['Action', action], ['Version', service.version], ...params]) };
}

/** The status of `name` in a DescribeSnapshots answer, before the settling class applies. */
const statusOf = (answer: WireAnswer, name: string): string | undefined => listedSnapshot(answer, name)?.SnapshotStatus;

export function storedRequest(req: WireRequest): StoredRequest {
  const out: StoredRequest = { method: req.method, path: req.path, body: storeBody(req.body) };
  if (req.query !== undefined) out.query = req.query;
  const own = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([k]) => !/^(authorization|x-amz-security-token|x-amz-date|x-amz-content-sha256)$/i.test(k)));
  if (Object.keys(own).length) out.headers = own;
  return out;
}
