// The contract held to a recording: where a cassette (recorded from AWS) holds an answer to a rule's case, is
// that answer one the rule expects? Agreement confirms the rule; disagreement is a finding about the contract,
// reported apart from any endpoint's verdict.
import { caseOf } from '../../generators/requests.js';
import { ruleById, ruleList } from '../../specs/rules.js';
import type { Outcome } from '../../specs/types.js';
import { answerChecks } from '../checks/index.js';
import type { RuleId } from '../../specs/rules.js';
import { asCaseLabel } from '../../generators/types.js';
import { describeOutcome, expectedSetMismatch } from '../checks/outcome.js';
import { readAnswer } from '../../protocol/index.js';
import type { Exchange } from '../run/exchange-types.js';
import type { RunResult } from '../result.js';
import type { EvidenceReport, RuleEvidence } from '../parity-types.js';
import { loadBody, responseBody, type Cassette, type CassetteExchange } from './cassette.js';
import { listedSnapshot } from './normalize.js';
import { caseOfPath, statefulRules } from './sequence.js';

/** A recorded step as the checks read an exchange. */
export function exchangeOf(line: CassetteExchange): Exchange {
  const body = loadBody(line.request.body);
  const ex: Exchange = { request: { method: line.request.method, path: line.request.path, body: typeof body === 'string' ? body : Buffer.from(body).toString('latin1') } };
  if (line.request.sdkInput) ex.request.sdkInput = line.request.sdkInput;
  if (line.transportError) ex.transportError = line.transportError;
  if (line.response) {
    const headers: Record<string, string> = { 'content-type': line.response.contentType };
    if (line.response.requestIdHeader !== undefined) headers['x-amzn-requestid'] = line.response.requestIdHeader;
    const body = responseBody(line.response);
    ex.answer = { status: line.response.status, headers, body, rawBytes: Buffer.byteLength(body), truncated: line.response.cutFrom !== undefined, ms: 0 };
    ex.parsed = readAnswer(line.response.status, headers, body);
  }
  return ex;
}

/** What the contract expects of a recorded request step today: re-derived by the oracle for SDK inputs. */
function expectationOf(cassette: Cassette, line: CassetteExchange): readonly Outcome[] {
  const input = line.request.sdkInput;
  if (!input || line.rule.startsWith('post-state.') || answerChecks.has(line.rule as RuleId) || line.rule === statefulRules.race || line.rule === statefulRules.quota) return line.expect ?? [];
  return caseOf(asCaseLabel(line.rule), { fixtures: cassette.header.fixtures, prefix: cassette.header.namePrefix }, input, line.precreate).expect;
}

const words = (o: readonly Outcome[]) => o.map(describeOutcome).join(' | ');

/** What was recorded, read from the stored answer itself (not its normalized form, which a hand edit may not touch). */
function recordedWords(line: CassetteExchange): string {
  const p = exchangeOf(line).parsed;
  if (!p) return line.transportError ? `no answer (${line.transportError.kind})` : 'no answer';
  if (p.kind === 'error') return `${p.status} ${p.code ?? '(no code)'}`;
  if (p.kind === 'malformed') return `${p.status} malformed (${p.reason})`;
  return `${p.status} ${p.rootName}`;
}

type Judgement = { answers: number; contradiction?: RuleEvidence['contradiction'] } | { reason: string };

/** Request rules: each of the rule's recorded copies is in the expected set. */
function judgeRequests(cassette: Cassette, ruleId: RuleId): Judgement {
  let answers = 0;
  for (const line of cassette.exchanges) {
    if (line.rule !== ruleId || line.step !== 'copy' || !line.response) continue;
    const expect = expectationOf(cassette, line);
    if (expect.length === 0) continue;
    answers++;
    const why = expectedSetMismatch(exchangeOf(line), expect, line.request.sdkInput);
    if (why) return { answers, contradiction: { case: line.case, expected: words(expect), recorded: recordedWords(line), reason: why } };
  }
  return { answers };
}

/** Invariants: every recorded answer the check speaks about passes it. */
async function judgeInvariant(cassette: Cassette, ruleId: RuleId): Promise<Judgement> {
  const check = answerChecks.get(ruleId)!;
  let answers = 0;
  for (const line of cassette.exchanges) {
    if (line.step !== 'copy' && line.step !== 'precreate') continue;
    const ex = exchangeOf(line);
    if (!check.applies(ex)) continue;
    answers++;
    const why = await check.check(ex);
    if (why) return { answers, contradiction: { case: line.case, expected: ruleById(ruleId).statement, recorded: recordedWords(line), reason: why } };
  }
  return { answers };
}

/** Whether a recorded DescribeSnapshots answer lists its name (read from the answer); undefined when it says neither. */
function listedIn(read: CassetteExchange): boolean | undefined {
  const ex = exchangeOf(read);
  const p = ex.parsed;
  if (p?.kind === 'error') return p.code === 'SnapshotNotFoundFault' ? false : undefined;
  if (p?.kind !== 'success' || !ex.answer) return undefined;
  return listedSnapshot(ex.answer, read.request.snapshotName ?? '') !== undefined;
}

/** post-state reads: an accepted copy is listed afterwards; a refused one is not. */
function judgeReads(cassette: Cassette, ruleId: RuleId, wantListed: boolean): Judgement {
  let answers = 0;
  const lines = cassette.exchanges;
  for (const [i, line] of lines.entries()) {
    if (line.step !== 'copy' || line.request.sdkInput?.TargetBucket) continue; // an export lands in S3, not among the snapshots
    const accepted = line.normalized.outcome === 'success';
    if (accepted !== wantListed || (!accepted && line.normalized.outcome !== 'error')) continue;
    // a refusal because the target exists already leaves it listed: only a fresh target must stay absent
    const target = line.request.sdkInput?.TargetSnapshotName?.toLowerCase();
    if (!accepted && line.precreate?.TargetSnapshotName?.toLowerCase() === target) continue;
    const read = lines.slice(i + 1).find((l) => l.rule === ruleId && caseOfPath(l.case) === caseOfPath(line.case) && l.step === 'describe' && l.request.snapshotName === line.request.sdkInput?.TargetSnapshotName);
    const listed = read ? listedIn(read) : undefined;
    if (!read || listed === undefined) continue;
    answers++;
    if (listed !== wantListed)
      return { answers, contradiction: { case: read.case, expected: wantListed ? 'listed after the copy was accepted' : 'not listed after the copy was refused', recorded: recordedWords(read), reason: `DescribeSnapshots ${listed ? 'lists' : 'does not list'} the target` } };
  }
  return { answers };
}

/**
 * Tags on the copy: where the case gave tags, the copy lists exactly those (the recording holds no listing of the
 * source's tags, so copies without request tags are not judged here).
 */
function judgeTags(cassette: Cassette): Judgement {
  let answers = 0;
  const lines = cassette.exchanges;
  for (const [i, listing] of lines.entries()) {
    if (listing.step !== 'list-tags' || listing.normalized.tags === undefined) continue;
    const copy = lines.slice(0, i).reverse().find((l) => l.step === 'copy' && caseOfPath(l.case) === caseOfPath(listing.case));
    const given = copy?.request.sdkInput?.Tags;
    if (!given || given.length === 0) continue;
    answers++;
    const want = given.map((t) => `${t.Key ?? ''}=${t.Value === undefined ? '(no value)' : t.Value}`).sort();
    const got = listing.normalized.tags.map((t) => t.replace(/<prefix>/g, cassette.header.namePrefix));
    if (JSON.stringify(want) !== JSON.stringify([...got].sort()))
      return { answers, contradiction: { case: listing.case, expected: `the ${want.length} request tag(s)`, recorded: `${got.length} tag(s)`, reason: 'ListTagsForResource does not list exactly the tags the copy request gave' } };
  }
  return answers ? { answers } : { reason: 'the recording lists no tags of a copy made with request tags' };
}

/** The race: of two concurrent copies onto one name, exactly one is accepted. */
function judgeRace(cassette: Cassette): Judgement {
  const refusal = ruleById(statefulRules.race).expect.filter((o) => o.status !== 200);
  const groups = new Map<string, CassetteExchange[]>();
  for (const line of cassette.exchanges) if (line.rule === statefulRules.race && line.step === 'copy') groups.set(caseOfPath(line.case), [...(groups.get(caseOfPath(line.case)) ?? []), line]);
  let answers = 0;
  for (const [path, pair] of groups) {
    if (pair.length !== 2) continue;
    answers++;
    const accepted = pair.filter((l) => l.normalized.outcome === 'success').length;
    const refused = pair.filter((l) => l.normalized.outcome !== 'success' && !expectedSetMismatch(exchangeOf(l), refusal));
    if (accepted !== 1 || refused.length !== 1)
      return { answers, contradiction: { case: path, expected: `one 200 and one ${words(refusal)}`, recorded: pair.map(recordedWords).join(' and '), reason: 'the two concurrent copies did not end one accepted, one refused' } };
  }
  return { answers };
}

async function judge(cassette: Cassette, ruleId: RuleId): Promise<Judgement> {
  if (answerChecks.has(ruleId)) return judgeInvariant(cassette, ruleId);
  if (ruleId === statefulRules.race) return judgeRace(cassette);
  if (ruleId === 'post-state.accepted-is-listed') return judgeReads(cassette, ruleId, true);
  if (ruleId === 'post-state.refused-changes-nothing') return judgeReads(cassette, ruleId, false);
  if (ruleId === statefulRules.model) return { reason: 'a stateful sequence is judged against its model live, not from single answers' };
  if (ruleId === 'post-state.tags-on-copy') return judgeTags(cassette);
  return judgeRequests(cassette, ruleId);
}

/** Hold every rule of the contract to the cassette's answers. */
export async function checkEvidence(cassette: Cassette, file: string): Promise<EvidenceReport> {
  const report: EvidenceReport = {
    file,
    recordedAt: cassette.header.recordedAt,
    target: cassette.header.target,
    fromAws: cassette.header.target.kind === 'aws',
    confirmed: [],
    contradicted: [],
    noEvidence: [],
    rules: {},
  };
  for (const rule of ruleList) {
    const j = await judge(cassette, rule.id);
    const recordedAt = cassette.header.recordedAt;
    let e: RuleEvidence;
    if ('reason' in j) e = { status: 'no-evidence', answers: 0, recordedAt, reason: j.reason };
    else if (j.contradiction) e = { status: 'contradicted', answers: j.answers, recordedAt, contradiction: j.contradiction };
    else if (j.answers > 0) e = { status: 'confirmed', answers: j.answers, recordedAt };
    else e = { status: 'no-evidence', answers: 0, recordedAt, reason: cassette.header.skipped[rule.id] ?? 'the recording holds no answer this rule judges' };
    report.rules[rule.id] = e;
    (e.status === 'confirmed' ? report.confirmed : e.status === 'contradicted' ? report.contradicted : report.noEvidence).push(rule.id);
  }
  return report;
}

/** One line per contradicted rule, in words a contract maintainer can act on. */
export function evidenceLines(report: EvidenceReport): string[] {
  const source = `${report.fromAws ? 'AWS' : report.target.url} recording of ${report.recordedAt.slice(0, 10)}`;
  const lines = [`evidence (${source}): ${report.confirmed.length} rules confirmed, ${report.contradicted.length} contradicted, ${report.noEvidence.length} without evidence`];
  if (!report.fromAws) lines.push(`  note: ${report.file} was recorded from ${report.target.kind} ${report.target.url}, not from AWS: it confirms the contract only as far as that endpoint is right`);
  for (const id of report.contradicted) {
    const c = report.rules[id]!.contradiction!;
    lines.push(`  the contract disagrees with the recording: ${id} — ${c.case}: expected ${c.expected}, recorded ${c.recorded} (${c.reason})`);
  }
  return lines;
}

/** `run --evidence`: the report and each rule carry what the recording says (the verdicts stay the endpoint's). */
export async function attachEvidence(result: RunResult, cassette: Cassette, file: string): Promise<void> {
  const report = await checkEvidence(cassette, file);
  result.evidence = report;
  for (const rule of result.rules) {
    const e = report.rules[rule.id];
    if (e) rule.evidence = e;
  }
}
