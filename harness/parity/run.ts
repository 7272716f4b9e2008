// Record and diff as runs: each side is one run session (target, consent, budget, ledger, cleanup, signals),
// opened and closed exactly like `run`'s, so a recording against AWS is as safe and as cheap as a run.
import type { ResolvedConfig } from '../config.js';
import { redactUrl } from '../../protocol/redact.js';
import type { RequestCounts } from '../result.js';
import { openRun, type RunSession, type SuiteOptions } from '../run/suite.js';
import type { Cassette, CassetteExchange } from './cassette.js';
import type { ParityDiff } from '../parity-types.js';
import { diffSides, type AllowList } from './diff.js';
import { replaySequence } from './replay.js';
import { caseOfPath, cassetteHeader, runSequence } from './sequence.js';

export interface SideOptions {
  signal?: AbortSignal;
  /** msw handlers to run this side in-process (a planted-bug mock, a library user's fake) */
  handlers?: SuiteOptions['handlers'];
  handlerFixtures?: SuiteOptions['handlerFixtures'];
  /** the target when the config names none (the CLI: the reference mock) */
  defaultTarget?: SuiteOptions['defaultTarget'];
  /** told each rule as its steps are done */
  onRule?: (side: string, ruleId: string, steps: number) => void;
}

/** A side's target as a cassette or a report names it: the URL without credentials, or what the run used. */
export function sideLabel(config: ResolvedConfig, session?: RunSession): string {
  if (config.endpoint) return redactUrl(config.endpoint);
  if (session?.ctx.target.isAws) return `https://elasticache.${session.ctx.target.region}.amazonaws.com`;
  return session?.ctx.target.label ?? 'embedded';
}

export interface SideResult<T> {
  value?: T;
  /** a cleanup problem, or why the side stopped early */
  problem?: string;
  requests: number;
  creates: number;
  counts?: RequestCounts;
}

/** Open a session for `config`, do `work` with it, and always close it (cleanup, ledger) afterwards. */
async function withSession<T>(config: ResolvedConfig, options: SideOptions, work: (s: RunSession) => Promise<T>): Promise<SideResult<T>> {
  const session = await openRun(config, {
    noPreflight: true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.handlers ? { handlers: options.handlers } : {}),
    ...(options.handlerFixtures ? { handlerFixtures: options.handlerFixtures } : {}),
    ...(options.defaultTarget ? { defaultTarget: options.defaultTarget } : {}),
  });
  const out: SideResult<T> = { requests: 0, creates: 0 };
  try {
    out.value = await work(session);
    if (session.ctx.control.abort) out.problem = session.ctx.control.abort.reason;
    else if (session.ctx.signal.aborted) out.problem = 'interrupted';
  } finally {
    const problem = await session.close();
    if (problem) out.problem = out.problem ? `${out.problem}; ${problem}` : problem;
    out.requests = session.ctx.counts.total;
    out.counts = session.ctx.counts;
    out.creates = session.ctx.budget.spent;
  }
  return out;
}

/** `record`: the parity sequence against one endpoint, as a cassette. */
export async function recordCassetteRun(config: ResolvedConfig, casesPerRule: number, options: SideOptions = {}): Promise<SideResult<Cassette>> {
  return withSession(config, options, async (session) => {
    const outcome = await runSequence(session, casesPerRule, (rule, n) => options.onRule?.('record', rule, n));
    return { header: cassetteHeader(session, casesPerRule, outcome, sideLabel(config, session)), exchanges: outcome.exchanges };
  });
}

/** Only the steps of one case (`rule/i`) or one rule, for a diff's replay line. */
export function onlyCase(cassette: Cassette, casePath: string | undefined): Cassette {
  if (casePath === undefined) return cassette;
  const keep = (ex: CassetteExchange) => ex.case === casePath || caseOfPath(ex.case) === casePath || ex.rule === casePath;
  return { header: cassette.header, exchanges: cassette.exchanges.filter(keep) };
}

/** Replay a cassette against `config`'s endpoint and compare the answers with the recorded ones. */
export async function diffAgainst(cassette: Cassette, labelA: string, config: ResolvedConfig, allow: AllowList, options: SideOptions = {}): Promise<SideResult<ParityDiff>> {
  return withSession(config, options, async (session) => {
    const b = await replaySequence(session, cassette, (rule, n) => options.onRule?.('replay', rule, n));
    return diffSides(cassette.exchanges, b, { a: labelA, b: sideLabel(config, session) }, allow);
  });
}
