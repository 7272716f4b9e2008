// The conformance rules as vitest tests: one describe per family, one test per rule.
// Used by the CLI (through vitest's Node API, see harness/cli/run-vitest.ts) and by mock authors
// inside their own vitest suites (harness/vitest-entry.ts).
import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import { ruleList } from '../specs/rules.js';
import type { Family } from '../specs/types.js';
import type { ResolvedConfig } from './config.js';
import { EndpointUnreachableError } from './errors.js';
import type { RuleResult } from './result.js';
import { runRule } from './run/rule-runner.js';
import { selectRules } from './run/select.js';
import { openRun, type RunSession, type SuiteOptions } from './run/suite.js';
import { formatFailure } from './format.js';

/** What the CLI hands each spec file (serializable). */
export interface ProvidedRun {
  config: ResolvedConfig;
  runId: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    conformanceRun: ProvidedRun;
  }
  interface TaskMeta {
    conformance?: RuleResult;
    conformanceAbort?: string;
    conformanceRequests?: number;
  }
}

export interface FamilySetup {
  config: ResolvedConfig;
  runId?: string;
  options?: SuiteOptions;
}

const familyTags: Record<Family, string> = {
  names: 'n',
  tags: 't',
  uniqueness: 'u',
  state: 's',
  export: 'e',
  quota: 'q',
  envelope: 'v',
  wire: 'w',
  'post-state': 'p',
};

/** Register one family's rules as tests; `setup` is resolved once, before the first test. */
export function describeFamily(family: Family, setup: () => FamilySetup | Promise<FamilySetup>): void {
  const ids = ruleList.filter((r) => r.family === family).map((r) => r.id);
  describe.concurrent(family, () => {
    let session: RunSession | undefined;
    let setupError: string | undefined;
    let selected = new Set<string>();

    beforeAll(async () => {
      const { config, runId, options } = await setup();
      selected = new Set(selectRules(config.rules, config.skipRules));
      if (!ids.some((id) => selected.has(id))) return;
      try {
        session = await openRun(config, { ...options, ...(runId ? { runId } : {}), nameTag: familyTags[family] });
      } catch (error) {
        setupError = error instanceof Error ? error.message.split('\n')[0] : String(error);
        if (!(error instanceof EndpointUnreachableError)) throw error;
      }
    });

    afterAll(async () => {
      await session?.close();
    });

    for (const id of ids)
      test(id, async (t) => {
        if (!selected.has(id)) t.skip('not selected');
        if (!session) {
          t.task.meta.conformanceAbort = setupError ?? 'run setup failed';
          throw new Error(setupError ?? 'run setup failed');
        }
        const before = session.ctx.stats.requests;
        let result: RuleResult;
        try {
          result = await runRule(session.ctx, id, session.cases);
        } catch (error) {
          t.task.meta.conformanceAbort = error instanceof Error ? error.message : String(error);
          throw error;
        } finally {
          t.task.meta.conformanceRequests = session.ctx.stats.requests - before;
        }
        t.task.meta.conformance = result;
        if (result.verdict === 'skip') t.skip(result.reason);
        if (result.verdict === 'fail') throw new Error(formatFailure(result));
      });
  });
}

/** For spec files started by the CLI: the run comes from vitest's `provide`. */
export function describeProvidedFamily(family: Family): void {
  describeFamily(family, () => inject('conformanceRun'));
}
