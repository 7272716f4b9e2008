// describeConformance inside a user's vitest run, interrupted with Ctrl-C (SIGINT to the process group, as
// a terminal sends it) or SIGTERM (as CI sends it) while its rules create snapshots, in both of vitest's pools
// (fork workers get signals; worker threads get none and are ended without a hook): the run's guard process
// cleans up, so nothing csc- is left on the endpoint; and a run that ends well leaves its guard nothing to do.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceMock, type ReferenceMock } from '../../mock/handlers.js';
import { startMockServer, type MockServer } from '../../mock/index.js';
import { startLoggingProxy } from '../fixtures/logging-proxy.js';

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
describeConformance({ endpoint: process.env.CSC_ENDPOINT, reports: process.env.CSC_REPORTS, fixtures: { sourceSnapshot: 'conformance-source' }, rules: ['names.any-target-name', 'tags.up-to-50-accepted', 'post-state', 'uniqueness'], numRuns: Number(process.env.CSC_NUM_RUNS ?? 400), seed: 3 });
`,
  );
  writeFileSync(path.join(folder, 'vitest.config.mjs'), `export default { test: { pool: process.env.CSC_POOL, include: ['test/.interrupt-work/*.conformance.test.ts'], testTimeout: 120000, hookTimeout: 120000 } };\n`);
});
afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('describeConformance interrupted', () => {
  // one case per way the guard learns of the end: told `now` by a signal listener (forks, Ctrl-C); by the 'exit'
  // or 'disconnect' listener of a worker whose main process is gone (forks, SIGTERM to vitest); by its pipe closing
  // with no code of ours run (threads: no signal reaches a worker thread; the same path as SIGKILL, which
  // test/safety/interrupt.test.ts also kills a CLI run with)
  it.each([
    ['forks: SIGINT to the process group (Ctrl-C)', 'forks', 'SIGINT', true],
    ['forks: SIGTERM to vitest', 'forks', 'SIGTERM', false],
    ['threads: SIGINT to the process group (Ctrl-C)', 'threads', 'SIGINT', true],
  ] as const)('%s: no snapshot of the run is left', async (_label, pool, signal, group) => {
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-vitest-int-'));
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(folder, 'vitest.config.mjs')], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, CSC_POOL: pool, CSC_ENDPOINT: server.url, CSC_REPORTS: reports, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', CI: 'true' },
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

/** Processes whose command line holds every one of `words` (Linux: /proc). */
function processesWith(...words: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const line = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (words.every((w) => line.includes(w))) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('describeConformance run to its end', () => {
  it.runIf(process.platform === 'linux')('the guard is told `closed` and exits without sending a request', async () => {
    const proxy = await startLoggingProxy(server.url);
    const reports = mkdtempSync(path.join(tmpdir(), 'csc-vitest-end-'));
    try {
      const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', path.join(folder, 'vitest.config.mjs')], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'ignore'],
        env: { ...process.env, CSC_POOL: 'forks', CSC_NUM_RUNS: '2', CSC_ENDPOINT: proxy.url, CSC_REPORTS: reports, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', CI: 'true' },
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      expect(owned()).toEqual([]);
      const sent = proxy.total;
      expect(sent).toBeGreaterThan(0);
      // the guard's own exit is the signal: once it is gone, whatever it sent has been counted
      await expect.poll(() => processesWith('--guard', reports), { timeout: 30_000, interval: 50 }).toEqual([]);
      expect(proxy.total - sent, 'requests after the run ended').toBe(0);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
