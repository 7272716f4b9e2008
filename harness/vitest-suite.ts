// The conformance rules as vitest tests, for mock authors inside their own vitest suites
// (harness/vitest-entry.ts): one describe per family, one test per rule. The run's state (target, budget,
// ledger, cleanup, the envelope observer) has one owner: a session opened once per describeConformance call
// and shared by every family, so --max-creates bounds the whole call, as it bounds a CLI run.
import { spawn } from 'node:child_process';
import { afterAll, describe, test } from 'vitest';
import { families, ruleList } from '../specs/rules.js';
import type { ResolvedConfig } from './config.js';
import { EndpointUnreachableError } from './errors.js';
import type { RuleResult } from './result.js';
import { runRule } from './run/rule-runner.js';
import { openRun, type RunSession, type SuiteOptions } from './run/suite.js';
import { formatFailure } from './format.js';
import { endpointFlags, replayCommand } from './run/replay-command.js';
import { packageFile } from './version.js';
import { everyAnswerLast } from './checks/index.js';

declare module 'vitest' {
  interface TaskMeta {
    conformance?: RuleResult;
  }
}

export interface RunSetup {
  config: ResolvedConfig;
  runId?: string;
  options?: SuiteOptions;
  /** the run's handlers were passed in-process: the module that exports them, where the user named it */
  inlineHandlers?: { module?: string };
}

/**
 * A replay line that reproduces the failure. For in-process handlers the CLI needs the module that exports
 * them; without it a replay would run against the reference mock and pass, so the line says what to add.
 */
function reproducible(result: RuleResult, setup: RunSetup): void {
  const f = result.failure;
  if (!f || !setup.inlineHandlers) return;
  const { module } = setup.inlineHandlers;
  f.replay = module !== undefined
    ? replayCommand({ ...setup.config, handlers: module }, result.id, f.seed, f.path_ ?? '')
    : `(pass handlersModule: 'path/to/module-exporting-these-handlers' to describeConformance for a replay line) seed ${f.seed}, path ${f.path_ ?? ''}`;
}

/** What the guard process is told: the run closed after its own cleanup, or it was interrupted. */
interface Guard {
  closed(): void;
  interrupted(): void;
}

const noGuard: Guard = { closed() {}, interrupted() {} };

/**
 * A detached `cleanup --guard` process, started with the run, whose standard input is a pipe from this process.
 * The guard cleans up unless told `closed`: also when this process dies with no code of ours running, which
 * signal handlers cannot cover (SIGKILL, out of memory, or vitest's threads pool, whose worker threads receive
 * no signals and are ended without a hook when vitest exits on Ctrl-C or SIGTERM). It is in a process group of
 * its own, so a Ctrl-C to vitest's group does not reach it, and it outlives the worker (the ledger holds every
 * name the run may have made). In-process targets die with the worker: nothing to guard.
 */
function startGuard(session: RunSession): Guard {
  const { ctx } = session;
  const bin = packageFile('bin/copysnapshot-conformance.js');
  const target = endpointFlags(ctx.config);
  if (!ctx.ledger.file || !bin || !target.length) return noGuard;
  // requests in flight when this process died get time to land before the guard lists: on AWS, a request's timeout
  const graceMs = ctx.target.isAws ? ctx.config.timeoutMs : 1_000;
  const child = spawn(process.execPath, [bin, 'cleanup', ...target, '--ledger', ctx.ledger.file, '--guard', '--grace-ms', String(graceMs)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => undefined);
  const pipe = child.stdin!;
  pipe.on('error', () => undefined);
  // neither the child nor the pipe keeps this process (vitest's worker) alive
  child.unref();
  (pipe as unknown as { unref(): void }).unref();
  let told = false;
  const tell = (word: 'closed' | 'now') => {
    if (told) return;
    told = true;
    pipe.end(`${word}\n`);
  };
  return { closed: () => tell('closed'), interrupted: () => tell('now') };
}

/**
 * Ctrl-C (SIGINT to the group), SIGTERM/SIGHUP, or vitest's main process gone (on SIGTERM it exits at once,
 * closing a fork worker's IPC channel): vitest then tears the worker down without afterAll. The run is aborted
 * and the guard told to clean up now. 'exit' is among the events because a fork worker whose next message to a
 * gone main process fails calls process.exit(1) at once, often before 'disconnect' or the signal reaches us.
 */
function abortOnInterrupt(abort: AbortController, guard: Guard): () => void {
  const stop = () => {
    abort.abort();
    guard.interrupted();
  };
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', ...(process.connected ? ['disconnect'] : [])];
  for (const event of events) process.on(event, stop);
  return () => {
    for (const event of events) process.off(event, stop);
  };
}

/** One session for every test of one describeConformance call: opened by the first test that needs it. */
function sharedSession(setup: () => RunSetup | Promise<RunSetup>) {
  let opening: Promise<RunSession> | undefined;
  let resolved: Promise<RunSetup> | undefined;
  let selected: Set<string> | undefined;
  let release: (() => void) | undefined;
  let guard: Guard = noGuard;
  return {
    async selected(): Promise<Set<string>> {
      if (!selected) {
        const s = await this.session();
        selected = new Set(s.ruleIds);
      }
      return selected;
    },
    setup(): Promise<RunSetup> {
      resolved ??= Promise.resolve(setup());
      return resolved;
    },
    session(): Promise<RunSession> {
      opening ??= (async () => {
        const { config, runId, options } = await this.setup();
        const abort = new AbortController();
        options?.signal?.addEventListener('abort', () => abort.abort(), { once: true });
        const session = await openRun(config, { ...options, signal: abort.signal, ...(runId ? { runId } : {}) });
        session.ctx.phase.current = 'rules';
        guard = startGuard(session);
        release = abortOnInterrupt(abort, guard);
        return session;
      })();
      return opening;
    },
    async close(): Promise<void> {
      if (!opening) return;
      const session = await opening.catch(() => undefined);
      release?.();
      try {
        await session?.close();
      } catch (error) {
        guard.interrupted(); // the run's own cleanup did not finish: the guard does it
        throw error;
      }
      guard.closed();
    },
  };
}

/** Register every rule as a test; envelope rules last, since they judge every answer the others got. */
export function describeRuns(setup: () => RunSetup | Promise<RunSetup>): void {
  const shared = sharedSession(setup);
  afterAll(() => shared.close());
  const ordered = [...families.filter((f) => f !== 'envelope'), 'envelope' as const];
  for (const family of ordered) {
    const ids = ruleList.filter((r) => r.family === family).map((r) => r.id);
    const envelopeLast = everyAnswerLast(ids);
    describe(family, () => {
      for (const id of envelopeLast)
        test(id, async (t) => {
          let session: RunSession;
          try {
            session = await shared.session();
          } catch (error) {
            if (error instanceof EndpointUnreachableError) throw new Error(error.message);
            throw error;
          }
          if (!(await shared.selected()).has(id)) t.skip('not selected');
          const result = await runRule(session.ctx, id, session.cases);
          reproducible(result, await shared.setup());
          t.task.meta.conformance = result;
          if (result.verdict === 'skip') t.skip(result.reason);
          if (result.verdict === 'fail' || result.verdict === 'inconclusive') throw new Error(formatFailure(result));
        });
    });
  }
}
