// The reference mock as the harness's default target: what a run talks to when the config names no endpoint,
// region or handlers module. The harness never imports the mock; the CLI and the package's entry points
// (cli/entry.ts, cli/vitest-entry.ts) give it this one.
import type { DefaultTarget, SuiteOptions } from '../harness/run/suite.js';
import { referenceFixtures } from '../mock/fixtures.js';
import { createMockCore } from '../mock/reference.js';

/** A run-owned reference mock (its plain answerer, no msw); it honours a declared quota, so the quota rule can run in-process. */
export const referenceTarget: DefaultTarget = {
  fixtures: referenceFixtures,
  create: (config) => createMockCore(config.fixtures.snapshotQuota !== undefined ? { quota: config.fixtures.snapshotQuota, settleMs: 20 } : { settleMs: 20 }).answerWire,
};

/**
 * Suite options as the package's library entry has always taken them: the reference mock as the default
 * target, and its fixtures as what in-process handlers hold when none are given.
 */
export function withReferenceTarget<T extends SuiteOptions>(options: T): T {
  return { defaultTarget: referenceTarget, ...options, ...(options.handlers && options.handlerFixtures === undefined ? { handlerFixtures: referenceFixtures } : {}) };
}
