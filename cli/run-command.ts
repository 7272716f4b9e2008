// `copysnapshot-conformance run`: resolve config, open the run, run the rules, write reports.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../harness/errors.js';
import { loadConfigFile, resolveConfig, type ResolvedConfig } from '../harness/config.js';
import { failureBlocks, summaryLine } from '../harness/format.js';
import type { RunResult } from '../harness/result.js';
import { configFromFlags, parseFlags, runOptions, type ParsedValues } from './args.js';
import { usage } from './help.js';
import { RunConsole, stderrTerminal, type Terminal } from './console.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  /** where progress is drawn; without one, lines go to `err` and nothing is rewritten in place */
  terminal?: Terminal;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
  terminal: stderrTerminal(),
};

function terminalOf(io: Io): Terminal {
  return io.terminal ?? { isTTY: io.isTTY, line: io.err, raw: () => undefined, columns: () => 100, env: process.env };
}

/** Flags + config file → resolved config, with paths made absolute (vitest workers run elsewhere). */
export async function configFrom(values: ParsedValues): Promise<ResolvedConfig> {
  const file = await loadConfigFile(values.config as string | undefined);
  const config = await resolveConfig(file, configFromFlags(values));
  config.reports = path.resolve(config.reports);
  if (config.handlers) config.handlers = path.resolve(config.handlers);
  return config;
}

const signalExit: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Interrupts have one owner, the run: SIGINT, SIGTERM, SIGHUP and the death of the parent process (e.g. `npx`,
 * which exits on Ctrl-C without waiting for us) all stop sending, clean up, write partial reports and exit
 * 128 + signal. A second signal gives up at once.
 */
export function trapSignals(io: Io): { signal: AbortSignal; exitCode: () => number | undefined; release: () => void } {
  const controller = new AbortController();
  let code: number | undefined;
  const stop = (why: string, exit: number, secondGivesUp = true) => {
    if (code !== undefined) {
      if (secondGivesUp) process.exit(exit);
      return;
    }
    code = exit;
    io.err(`\n${why}: stopping, cleaning up…`);
    controller.abort();
  };
  const offs: Array<() => void> = Object.entries(signalExit).map(([name, exit]) => {
    const handler = () => stop(name, exit!);
    process.on(name as NodeJS.Signals, handler);
    return () => {
      process.off(name as NodeJS.Signals, handler);
    };
  });
  // an orphan is re-parented (to init or a subreaper): the parent that started us is gone
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('parent process exited', signalExit.SIGHUP!, false);
  }, 250);
  watch.unref();
  offs.push(() => clearInterval(watch));
  return { signal: controller.signal, exitCode: () => code, release: () => offs.forEach((f) => f()) };
}

/** `--shard I/N` as numbers (1 ≤ I ≤ N), or undefined. */
export function shardOf(values: ParsedValues): { index: number; count: number } | undefined {
  if (typeof values.shard !== 'string') return undefined;
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(values.shard.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count) throw new UsageError(`--shard "${values.shard}" must be I/N with 1 ≤ I ≤ N, e.g. --shard 2/3`);
  return { index, count };
}

/** Create `dir` one level at a time: a recursive mkdir under /proc spins forever on Node 20. */
export async function makeFolder(dir: string): Promise<void> {
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
  // another process may make the same folder between the stat and the mkdir (runs started side by side)
  for (const d of missing)
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
}

/** A reports folder that cannot be written is bad usage, found before anything is sent. */
export async function ensureWritable(dir: string): Promise<void> {
  try {
    await makeFolder(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--reports ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose another folder`);
  }
}

/** The same for a file a command writes (--har, record --out): its folder is made (or must be writable), and the file must not be a folder. */
export async function ensureFileWritable(flag: string, file: string): Promise<void> {
  try {
    await makeFolder(path.dirname(path.resolve(file)));
    await access(path.dirname(path.resolve(file)), constants.W_OK);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  } catch (error) {
    throw new UsageError(`${flag} ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose another file`);
  }
}

export async function runCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { values } = parseFlags(argv, runOptions, 'run');
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const config = await configFrom(values);
  await ensureWritable(config.reports);
  if (config.har !== undefined) await ensureFileWritable('--har', config.har);
  const quiet = values.quiet === true;
  const shard = shardOf(values);
  // a recording to hold the contract to: read (and refused, exit 2) before anything is sent
  const evidenceFile = typeof values.evidence === 'string' ? path.resolve(values.evidence) : undefined;
  const cassette = evidenceFile ? (await import('../harness/parity/cassette.js')).readCassette(evidenceFile) : undefined;
  // the engine (AWS SDK, msw, the mock) loads only once the flags are known to be good: a usage error is instant
  const [{ runSuite }, { referenceTarget }, { toReportJson, writeReports }] = await Promise.all([import('../harness/run/suite.js'), import('./reference-target.js'), import('../reports/index.js')]);
  const trap = trapSignals(io);
  const screen = new RunConsole(terminalOf(io), { quiet: quiet || values.json === true });
  screen.start();
  let result: RunResult;
  try {
    // one engine in every mode (--in-process is accepted for compatibility: it is the only way a run goes)
    result = await runSuite(config, {
      defaultTarget: referenceTarget,
      onRule: (r) => screen.rule(r),
      onStart: (ids) => screen.setTotal(ids.length),
      signal: trap.signal,
      onDiagnosis: (d) => screen.line(d.line),
      guard: values['no-guard'] !== true,
      ...(shard ? { shard } : {}),
    });
  } catch (error) {
    screen.finish([]);
    throw error;
  } finally {
    trap.release();
  }
  // every rule of the run, those it never got to included, in the run's order
  screen.finish(result.rules);
  const interrupted = trap.exitCode();
  if (interrupted !== undefined) {
    result.exitCode = interrupted;
    result.aborted ??= 'interrupted';
  }
  if (cassette && evidenceFile) {
    const { attachEvidence } = await import('../harness/parity/evidence.js');
    await attachEvidence(result, cassette, path.relative(process.cwd(), evidenceFile) || evidenceFile);
  }
  const written = await writeReports(result, config.reports);
  if (values.json) io.out(JSON.stringify(toReportJson(result), null, 2));
  else {
    for (const block of failureBlocks(result, !quiet)) io.err(`\n${screen.block(block)}`);
    if (result.summary.unexpectedPasses.length)
      io.err(`\nlisted as known deviations but now passing (the list can shrink): ${result.summary.unexpectedPasses.join(', ')}`);
    if (result.aborted) io.err(`\nrun ended early: ${result.aborted}`);
    if (result.evidence) {
      const { evidenceLines } = await import('../harness/parity/evidence.js');
      io.err(`\n${evidenceLines(result.evidence).join('\n')}`);
    }
    if (result.diagnosis && result.diagnosis.copySnapshot !== 'implemented') io.err(`\n${result.diagnosis.line}`);
    io.out(`${summaryLine(result)}\nreports: ${written.files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}`);
  }
  return result.exitCode;
}
