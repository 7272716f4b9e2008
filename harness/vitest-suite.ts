// The conformance rules as vitest tests, for mock authors inside their own vitest suites
// (harness/vitest-entry.ts): one describe per family, one test per rule. The run's state (target, budget,
// ledger, cleanup, the envelope observer) has one owner: a session opened once per describeConformance call
// and shared by every family, so --max-creates bounds the whole call, as it bounds a CLI run.
import { afterAll, describe, test } from 'vitest';
import { families, ruleList } from '../specs/rules.js';
import type { ResolvedConfig } from './config.js';
import { EndpointUnreachableError } from './errors.js';
import type { RuleResult } from './result.js';
import { runRule } from './run/rule-runner.js';
import { openRun, type RunSession, type SuiteOptions } from './run/suite.js';
import { formatFailure } from './format.js';
import { replayCommand } from './run/replay-command.js';
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

/**
 * Ctrl-C (SIGINT to the group), SIGTERM/SIGHUP, or vitest's main process gone (on SIGTERM it exits at once,
 * closing a fork worker's IPC channel): vitest then tears the worker down without afterAll. The run is aborted
 * and its guard (harness/run/guard.ts) told to clean up now. 'exit' is among the events because a fork worker
 * whose next message to a gone main process fails calls process.exit(1) at once, often before 'disconnect' or
 * the signal reaches us. Worker threads get none of these: there the guard sees the process end.
 */
function abortOnInterrupt(abort: AbortController, guard: RunSession['guard']): () => void {
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
        release = abortOnInterrupt(abort, session.guard);
        return session;
      })();
      return opening;
    },
    async close(): Promise<void> {
      if (!opening) return;
      const session = await opening.catch(() => undefined);
      release?.();
      await session?.close(); // tells the guard `closed` once its cleanup left nothing
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
