// Replaying a cassette: its steps sent again, in order, to another endpoint, with the recorded run's names (prefix,
// run ID, fixtures) mapped to the replaying run's. The race's two copies go out together again.
import { asCaseLabel, type Case } from '../../generators/types.js';
import type { CopySnapshotInput, Fixtures } from '../../specs/types.js';
import { CreateBudgetExhausted } from '../run/budget.js';
import type { RunContext } from '../run/context.js';
import type { RunSession } from '../run/suite.js';
import { RunInterrupted } from '../errors.js';
import { loadBody, type Cassette, type CassetteExchange, type CassetteHeader } from './cassette.js';
import { escapeRegExp } from './normalize.js';
import { caseOfPath, scopeOf, statefulRules } from './sequence.js';
import { StepRecorder } from './steps.js';


/** `to` with the letter case of `from` where the two line up (a case-variant name stays a case variant). */
function withCaseOf(from: string, to: string): string {
  if (from === from.toLowerCase()) return to;
  if (from === from.toUpperCase()) return to.toUpperCase();
  return [...to].map((ch, i) => (from[i] !== undefined && from[i] !== from[i]!.toLowerCase() ? ch.toUpperCase() : ch)).join('');
}

/** Maps the recorded run's own names (prefix, run ID) and fixture names to the replaying run's. */
export function nameMapper(header: Pick<CassetteHeader, 'namePrefix' | 'fixtures'> & { runId?: string }, ctx: RunContext): (text: string) => string {
  const pairs: [string, string][] = [[header.namePrefix, ctx.namePrefix]];
  if (header.runId) pairs.push([header.runId, ctx.runId]);
  const keys = ['sourceSnapshot', 'pendingSnapshot', 'exportBucket', 'existingExportTarget'] as const;
  for (const key of keys) {
    const from = header.fixtures[key];
    const to = ctx.fixtures[key];
    if (typeof from === 'string' && typeof to === 'string' && from !== to) pairs.push([from, to]);
  }
  for (const [condition, from] of Object.entries(header.fixtures.buckets ?? {})) {
    const to = ctx.fixtures.buckets?.[condition as keyof NonNullable<Fixtures['buckets']>];
    if (from && to && from !== to) pairs.push([from, to]);
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  const encoded = pairs.flatMap(([from, to]) => (encodeURIComponent(from) !== from ? [[encodeURIComponent(from), encodeURIComponent(to)] as [string, string]] : []));
  const all = [...pairs, ...encoded];
  if (all.length === 0) return (t) => t;
  const pattern = new RegExp(all.map(([from]) => escapeRegExp(from)).join('|'), 'gi');
  const lookup = new Map(all.map(([from, to]) => [from.toLowerCase(), to]));
  return (text) => text.replace(pattern, (m) => withCaseOf(m, lookup.get(m.toLowerCase()) ?? m));
}

function mapInput(input: CopySnapshotInput, map: (t: string) => string): CopySnapshotInput {
  return JSON.parse(JSON.stringify(input), (_k, v: unknown) => (typeof v === 'string' ? map(v) : v)) as CopySnapshotInput;
}

function mapBody(body: string | Uint8Array, map: (t: string) => string): string | Uint8Array {
  if (typeof body === 'string') return map(body);
  // bytes that are not UTF-8 (the point of some cases): names are ASCII, so latin1 maps them byte for byte
  return new Uint8Array(Buffer.from(map(Buffer.from(body).toString('latin1')), 'latin1'));
}

/** The case a recorded request step was, with the names of the replaying run. */
function replayCase(line: CassetteExchange, map: (t: string) => string): Case {
  const c: Case = { rule: asCaseLabel(line.drawnFor ?? line.rule), expect: line.expect ?? [] };
  if (line.request.sdkInput) c.input = mapInput(line.request.sdkInput, map);
  else {
    c.wire = { method: line.request.method, path: line.request.path, body: mapBody(loadBody(line.request.body), map) };
    if (line.request.query !== undefined) c.wire.query = map(line.request.query);
    if (line.request.headers) c.wire.headers = line.request.headers;
  }
  return c;
}

async function replayStep(rec: StepRecorder, line: CassetteExchange, map: (t: string) => string): Promise<void> {
  const name = map(line.request.snapshotName ?? '');
  switch (line.step) {
    case 'copy':
    case 'precreate':
      await rec.copy(line.rule, line.case, line.step, replayCase(line, map));
      return;
    case 'describe':
      await rec.describe(line.rule, line.case, name);
      return;
    case 'delete':
      await rec.remove(line.rule, line.case, name);
      return;
    case 'wait':
      await rec.wait(line.rule, line.case, name);
      return;
    case 'list-tags':
      await rec.listTags(line.rule, line.case, name);
  }
}

/**
 * Send a cassette's steps to the session's target, in the recorded order, with names mapped to this run's.
 * The race's two copies go out together again. Returns this side's exchanges, keyed like the cassette's.
 */
export async function replaySequence(session: RunSession, cassette: Cassette, onRule?: (ruleId: string, steps: number) => void): Promise<CassetteExchange[]> {
  const { ctx } = session;
  ctx.phase.current = 'rules';
  // a fixture this side was not told of is sent under the recording's name: normalize it as the recording did
  const scope = scopeOf(ctx);
  scope.fixtures = { ...cassette.header.fixtures, ...ctx.fixtures, buckets: { ...cassette.header.fixtures.buckets, ...ctx.fixtures.buckets } };
  const rec = new StepRecorder(ctx, scope);
  const map = nameMapper(cassette.header, ctx);
  const lines = [...cassette.exchanges].sort((a, b) => a.seq - b.seq);
  let currentRule: string | undefined;
  let ruleStart = 0;
  for (let i = 0; i < lines.length; i++) {
    if (ctx.signal.aborted || ctx.control.abort) break;
    const line = lines[i]!;
    if (line.rule !== currentRule) {
      if (currentRule !== undefined) onRule?.(currentRule, rec.exchanges.length - ruleStart);
      currentRule = line.rule;
      ruleStart = rec.exchanges.length;
    }
    try {
      if (line.rule === statefulRules.race && line.step === 'copy') {
        const group = [line];
        while (lines[i + 1]?.rule === line.rule && lines[i + 1]?.step === 'copy' && caseOfPath(lines[i + 1]!.case) === caseOfPath(line.case)) group.push(lines[++i]!);
        await Promise.all(group.map((l) => replayStep(rec, l, map)));
      } else await replayStep(rec, line, map);
    } catch (error) {
      if (error instanceof RunInterrupted) break;
      if (!(error instanceof CreateBudgetExhausted)) throw error;
      // the budget is spent: the rest of this rule's creating steps are not sent
      while (lines[i + 1]?.rule === line.rule) i++;
    }
  }
  if (currentRule !== undefined) onRule?.(currentRule, rec.exchanges.length - ruleStart);
  return rec.exchanges;
}
