// The package as users get it: `npm pack`, installed into a project of its own, the CLI run through npx and
// describeConformance run by that project's vitest. Nothing of this checkout is reachable from there.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = path.resolve('.');
const work = mkdtempSync(path.join(tmpdir(), 'csc-pack-'));
const consumer = path.join(work, 'consumer');
const env = { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
let tarball: string;
let files: string[];

beforeAll(async () => {
  // dist/ is built by `npm test`'s tsc; --ignore-scripts keeps pack from building it again
  const packed = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, env });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info!.filename);
  files = info!.files.map((f) => f.path);
  mkdirSync(path.join(consumer, 'test'), { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const vitestVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }).version;
  await exec('npm', ['install', tarball, `vitest@${vitestVersion}`, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: consumer, env, timeout: 240_000 });
}, 300_000);

describe('npm pack', () => {
  it('ships the build, the launcher, the report schema and the contract the rules cite; no tests, sources of tests or CI files', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/copysnapshot-conformance.js', 'dist/cli/main.js', 'dist/cli/entry.js', 'dist/cli/vitest-entry.js', 'dist/mock/index.js', 'reports/report.schema.json', 'docs/contract.md', 'README.md', 'package.json']));
    expect(files.filter((f) => /^(test|dist\/test|dist\/bench|\.ci)\//.test(f) || f.endsWith('.test.ts'))).toEqual([]);
  });

  it('installed elsewhere: npx copysnapshot-conformance run passes against the embedded mock', async () => {
    const run = await exec('npx', ['--no-install', 'copysnapshot-conformance', 'run', '--num-runs', '5', '--seed', '1'], { cwd: consumer, env, timeout: 120_000 });
    expect(run.stdout).toMatch(/\b0 failed\b.* — 57 rules/);
  }, 150_000);

  it('installed elsewhere: describeConformance runs in that project\'s vitest', async () => {
    writeFileSync(
      path.join(consumer, 'test', 'mine.test.ts'),
      `import { describeConformance } from 'copysnapshot-conformance/vitest';
import { referenceHandlers, referenceFixtures } from 'copysnapshot-conformance/mock';
describeConformance({ handlers: referenceHandlers, fixtures: referenceFixtures, rules: ['names', 'tags.max-50'], numRuns: 5, seed: 1 });
`,
    );
    const run = await exec('npx', ['--no-install', 'vitest', 'run'], { cwd: consumer, env: { ...env, CI: 'true' }, timeout: 120_000 });
    expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+8 passed \| 49 skipped \(57\)/);
  }, 150_000);
});
