// `copysnapshot-conformance run`: resolve config, open the run, run the rules, write reports.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../harness/errors.js';
import { ruleById } from '../specs/rules.js';
import { loadConfigFile, resolveConfig, type ResolvedConfig } from '../harness/config.js';
import { formatFailure, ruleLine, summaryLine } from '../harness/format.js';
import type { RuleResult, RunResult } from '../harness/result.js';
import { readLedger } from '../harness/run/ledger.js';
import { cleanupOwned } from '../harness/run/fixtures.js';
import { buildResult, openRun, runSuite } from '../harness/run/suite.js';
import { newRunId } from '../harness/run/context.js';
import { runThroughVitest } from '../harness/run-vitest.js';
import { toReportJson, writeReports } from '../reports/index.js';
import { configFromFlags, parseFlags, runOptions, type ParsedValues } from './args.js';
import { usage } from './help.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Flags + config file → resolved config, with paths made absolute (vitest workers run elsewhere). */
export async function configFrom(values: ParsedValues): Promise<ResolvedConfig> {
  const file = await loadConfigFile(values.config as string | undefined);
  const config = await resolveConfig(file, configFromFlags(values));
  config.reports = path.resolve(config.reports);
  if (config.handlers) config.handlers = path.resolve(config.handlers);
  return config;
}

function progress(io: Io, quiet: boolean) {
  let done = 0;
  return (r: RuleResult) => {
    done++;
    if (quiet) return;
    if (io.isTTY) process.stderr.write(`\r\x1b[2K[${done}] ${ruleLine(r).slice(0, (process.stderr.columns || 100) - 8)}`);
    else io.err(ruleLine(r));
  };
}

/** Interrupts: stop sending, clean up, write partial reports, exit 130 (SIGINT) / 143 (SIGTERM). */
function trapSignals(): { signal: AbortSignal; exitCode: () => number | undefined; release: () => void } {
  const controller = new AbortController();
  let code: number | undefined;
  const on = (name: NodeJS.Signals, exit: number) => {
    const handler = () => {
      if (code !== undefined) process.exit(exit); // a second signal: give up at once
      code = exit;
      process.stderr.write(`\n${name}: stopping, cleaning up…\n`);
      controller.abort();
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  };
  const offs = [on('SIGINT', 130), on('SIGTERM', 143)];
  return { signal: controller.signal, exitCode: () => code, release: () => offs.forEach((f) => f()) };
}

async function runWithVitest(config: ResolvedConfig, values: ParsedValues, signal: AbortSignal, onRule: (r: RuleResult) => void): Promise<RunResult> {
  const started = Date.now();
  const runId = newRunId();
  const session = await openRun(config, { runId, signal });
  let outcome: Awaited<ReturnType<typeof runThroughVitest>> | undefined;
  let problem: string | undefined;
  try {
    outcome = await runThroughVitest(
      { ...config, fixtures: session.ctx.fixtures },
      { runId, onRule, ...(typeof values.shard === 'string' ? { shard: values.shard } : {}) },
    );
  } finally {
    // what the spec files recorded in the shared ledger, in case a worker died before its own cleanup
    if (session.ctx.ledger.file) {
      const { names } = readLedger(session.ctx.ledger.file);
      await cleanupOwned(session.ctx, names).catch(() => undefined);
    }
    problem = await session.close();
  }
  const results = outcome.results;
  // a rule that reported nothing (its spec file crashed, or this shard does not hold it) is never silently passed
  const reported = new Set(results.map((r) => r.id));
  const sharded = typeof values.shard === 'string';
  for (const id of session.ruleIds)
    if (!reported.has(id) && !sharded && !outcome.aborted) results.push(notRun(id, outcome.errors[0] ?? 'its spec file did not report a result'));
  session.ctx.stats.requests += results.reduce((n, r) => n + r.requests, 0);
  const aborted = outcome.aborted ?? outcome.errors[0] ?? problem;
  const extra: { aborted?: string; exitCode?: number } = {};
  if (aborted) extra.aborted = aborted;
  if (outcome.aborted) extra.exitCode = 3;
  return buildResult(session, results, started, extra);
}

/** Create `dir` one level at a time: a recursive mkdir under /proc spins forever on Node 20. */
async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) break;
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(d) === d) throw error;
      missing.unshift(d);
    }
  }
  for (const d of missing) await mkdir(d);
}

/** A reports folder that cannot be written is bad usage, found before anything is sent. */
async function ensureWritable(dir: string): Promise<void> {
  try {
    await makeFolder(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--reports ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose another folder`);
  }
}

function notRun(id: string, why: string): RuleResult {
  const rule = ruleById(id);
  return { id, family: rule.family, statement: rule.statement, grade: rule.grade, sources: rule.sources, expected: rule.expect, verdict: 'fail', reason: `did not run: ${why}`, requests: 0, judged: 0, durationMs: 0 };
}

export async function runCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { values } = parseFlags(argv, runOptions, 'run');
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const config = await configFrom(values);
  await ensureWritable(config.reports);
  const quiet = values.quiet === true;
  const trap = trapSignals();
  const onRule = progress(io, quiet || values.json === true);
  let result: RunResult;
  try {
    result = values['in-process']
      ? await runSuite(config, { onRule, signal: trap.signal })
      : await runWithVitest(config, values, trap.signal, onRule);
  } finally {
    trap.release();
  }
  if (io.isTTY && !quiet) process.stderr.write('\r\x1b[2K');
  const interrupted = trap.exitCode();
  if (interrupted !== undefined) {
    result.exitCode = interrupted;
    result.aborted ??= 'interrupted';
  }
  const written = await writeReports(result, config.reports);
  if (values.json) io.out(JSON.stringify(toReportJson(result), null, 2));
  else {
    for (const r of result.rules) if (r.verdict === 'fail' || (r.verdict === 'warn' && !quiet)) io.err(`\n${formatFailure(r)}`);
    if (result.summary.unexpectedPasses.length)
      io.err(`\nlisted as known deviations but now passing (the list can shrink): ${result.summary.unexpectedPasses.join(', ')}`);
    if (result.aborted) io.err(`\nrun ended early: ${result.aborted}`);
    io.out(`${summaryLine(result)}\nreports: ${written.files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}`);
  }
  return result.exitCode;
}
