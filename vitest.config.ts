import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take longest, longest first. Started first, they run beside the many short files instead of
// being the last ones left running alone at the end; the rest keep vitest's own order (failed first, then by
// the durations it cached, else by size). A file missing here only starts later, it still runs.
const longestFirst = [
  'test/parity/parity.test.ts',
  'test/safety/cli-edges.test.ts',
  'test/harness/cli.test.ts',
  'test/harness/selftest.test.ts',
  'test/mock/mutant-server.test.ts',
  'test/parity/cassette-cli.test.ts',
  'test/safety/interrupt.test.ts',
  'test/harness/vitest-replay.test.ts',
  'test/generators/requests.test.ts',
  'test/safety/cleanup-case.test.ts',
  'test/integration/wire-counts.test.ts',
  'test/generators/corpus.test.ts',
  'test/codec/sdk-roundtrip.test.ts',
  'test/reports/html.test.ts',
  'test/reports/junit.test.ts',
  'test/safety/budget.test.ts',
  'test/safety/vitest-interrupt.test.ts',
  'test/parity/readme.test.ts',
  'test/harness/preflight.test.ts',
  'test/package/pack-install.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = longestFirst.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join('/'));
      return at < 0 ? longestFirst.length : at;
    };
    return sorted
      .map((spec, order) => ({ spec, order, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map((x) => x.spec);
  }
}

// Files that must start from fresh modules: rule-time-cap fakes Date before fast-check is first imported (fast-check
// keeps its own reference to Date.now).
const isolated = ['test/harness/rule-time-cap.test.ts'];

// The project's own tests. The conformance specs that the CLI runs against a target live in harness/conformance
// and are started through vitest's Node API.
export default defineConfig({
  test: {
    // scratch projects some tests write (test/.interrupt-work, test/.replay-work) are theirs to run
    exclude: ['**/node_modules/**', 'test/.*/**'],
    // a 2-core machine: vitest's default (cores - 1) runs the files one by one, while most of them wait on
    // child processes and sockets; three workers keep both cores busy
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        // worker threads that keep their modules from one file to the next: the SDK, msw, fast-check and the
        // harness are loaded once a worker, not once a file (most of what a short file used to cost)
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/.*/**', ...isolated], pool: 'threads', isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
