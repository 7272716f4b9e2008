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
import { answerChecks } from './checks/registry.js';

declare module 'vitest' {
  interface TaskMeta {
    conformance?: RuleResult;
  }
}

export interface RunSetup {
  config: ResolvedConfig;
  runId?: string;
  options?: SuiteOptions;
}

/** One session for every test of one describeConformance call: opened by the first test that needs it. */
function sharedSession(setup: () => RunSetup | Promise<RunSetup>) {
  let opening: Promise<RunSession> | undefined;
  let selected: Set<string> | undefined;
  return {
    async selected(): Promise<Set<string>> {
      if (!selected) {
        const s = await this.session();
        selected = new Set(s.ruleIds);
      }
      return selected;
    },
    session(): Promise<RunSession> {
      opening ??= (async () => {
        const { config, runId, options } = await setup();
        const session = await openRun(config, { ...options, ...(runId ? { runId } : {}) });
        session.ctx.phase.current = 'rules';
        return session;
      })();
      return opening;
    },
    async close(): Promise<void> {
      if (!opening) return;
      const session = await opening.catch(() => undefined);
      await session?.close();
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
    const envelopeLast = [...ids.filter((id) => !(id in answerChecks)), ...ids.filter((id) => id in answerChecks)];
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
          t.task.meta.conformance = result;
          if (result.verdict === 'skip') t.skip(result.reason);
          if (result.verdict === 'fail' || result.verdict === 'inconclusive') throw new Error(formatFailure(result));
        });
    });
  }
}
