// describeConformance inside a user's vitest run, interrupted with Ctrl-C (SIGINT to the process group, as
// a terminal sends it) or SIGTERM (as CI sends it) while its rules create snapshots: the worker cleans up
// before it goes, so nothing csc- is left on the endpoint.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceMock, type ReferenceMock } from '../../mock/handlers.js';
import { startMockServer, type MockServer } from '../../mock/index.js';

const root = path.resolve('.');
const folder = path.join(root, 'test', '.interrupt-work');
let mock: ReferenceMock;
let server: MockServer;

const owned = () => [...mock.store.snapshots.values()].map((s) => s.snapshot.SnapshotName!).filter((n) => n.toLowerCase().startsWith('csc-'));

beforeAll(async () => {
  mock = createReferenceMock({ settleMs: 5 });
  server = await startMockServer({ handlers: mock.handlers });
  mkdirSync(folder, { recursive: true });
  // a user's spec file and config: the rules that create copies, many cases each, so the run is mid-way when signalled
  writeFileSync(
    path.join(folder, 'mine.conformance.test.ts'),
    `import { describeConformance } from '../../cli/vitest-entry.js';
describeConformance({ endpoint: process.env.CSC_ENDPOINT, reports: process.env.CSC_REPORTS, fixtures: { sourceSnapshot: 'conformance-source' }, rules: ['names.any-target-name', 'tags.up-to-50-accepted', 'post-state', 'uniqueness'], numRuns: 400, seed: 3 });
`,
  );
  writeFileSync(path.join(folder, 'vitest.config.mjs'), `export default { test: { include: ['test/.interrupt-work/*.conformance.test.ts'], testTimeout: 120000, hookTimeout: 120000 } };\n`);
});
afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('describeConformance interrupted', () => {
  it.each([
    ['SIGINT to the process group (Ctrl-C)', 'SIGINT', true],
    ['SIGTERM to vitest', 'SIGTERM', false],
  ] as const)('%s: no snapshot of the run is left', async (_label, signal, group) => {
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-vitest-int-'));
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(folder, 'vitest.config.mjs')], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, CSC_ENDPOINT: server.url, CSC_REPORTS: reports, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', CI: 'true' },
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // readiness from the endpoint itself: the run has made copies
    await expect.poll(() => owned().length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(5);
    if (group) process.kill(-child.pid!, signal);
    else child.kill(signal);
    await exited;
    // the worker's cleanup ends before it exits; vitest itself may exit first, so wait on the endpoint
    try {
      await expect.poll(() => owned(), { timeout: 60_000, interval: 50 }).toEqual([]);
    } finally {
      // whatever happened, no worker of that vitest outlives the test
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
  }, 180_000);
});
