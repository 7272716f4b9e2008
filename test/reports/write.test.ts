import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportWriteError, truncateForStepSummary, writeReports } from '../../reports/index.js';
import { makeRunResult, secrets } from './fixture.js';
import { reportFiles, writeToTemp, type Written } from './helpers.js';

describe('writeReports', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'csc-write-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes the four reports into a folder it creates', async () => {
    const dir = path.join(scratch, 'nested', 'conformance-reports');
    const { files } = await writeReports(makeRunResult(), dir, { githubStepSummary: '' });
    expect(files.map((f) => path.basename(f)).sort()).toEqual([...reportFiles].sort());
    for (const file of files) {
      expect(path.dirname(file)).toBe(dir);
      expect((await stat(file)).size).toBeGreaterThan(500);
    }
  });

  it('writes a consistent set for a run that ran no rule (an aborted run)', async () => {
    const run = { ...makeRunResult(), rules: [], aborted: 'the endpoint stopped answering' };
    const written = await writeToTemp(run);
    try {
      const { parse } = await import('junit2json');
      const root = (await parse(written.text['junit.xml'])) as { tests?: number; failures?: number };
      expect(root).toMatchObject({ tests: 0, failures: 0 });
      expect(JSON.parse(written.text['report.json']).summary).toMatchObject({ total: 0, pass: 0, fail: 0 });
      expect(written.text['summary.md']).toContain('Run ended early');
      expect(written.text['report.html']).toContain('Run ended early: the endpoint stopped answering');
    } finally {
      await written.cleanup();
    }
  });

  it('throws one clear line naming the folder when it cannot write there', async () => {
    const blocker = path.join(scratch, 'a-file');
    await writeFile(blocker, 'not a folder');
    const dir = path.join(blocker, 'reports');
    const error = await writeReports(makeRunResult(), dir, { githubStepSummary: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportWriteError);
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toMatch(/ENOTDIR|EEXIST/);
    expect(message).not.toContain('\n');
  });

  it('appends summary.md to the GitHub job summary, from the option or $GITHUB_STEP_SUMMARY', async () => {
    const viaOption = path.join(scratch, 'step-summary-option.md');
    await writeFile(viaOption, '## earlier step\n');
    await writeReports(makeRunResult(), path.join(scratch, 'r1'), { githubStepSummary: viaOption });
    const summary = await readFile(path.join(scratch, 'r1', 'summary.md'), 'utf8');
    const appended = await readFile(viaOption, 'utf8');
    expect(appended.startsWith('## earlier step\n')).toBe(true);
    expect(appended).toContain(summary);

    const viaEnv = path.join(scratch, 'step-summary-env.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', viaEnv);
    await writeReports(makeRunResult(), path.join(scratch, 'r2'));
    expect(await readFile(viaEnv, 'utf8')).toContain('# CopySnapshot conformance');
  });

  it('leaves the job summary alone when it is not set', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const { files } = await writeReports(makeRunResult(), path.join(scratch, 'r3'));
    expect(files).toHaveLength(4);
  });

  it('cuts a job summary that GitHub would refuse (over 1 MiB) at a line, with a note', () => {
    const big = Array.from({ length: 30_000 }, (_, i) => `| line ${i} | ${'x'.repeat(40)} |`).join('\n');
    const cut = truncateForStepSummary(big);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1_000_000);
    expect(cut).toContain('cut to fit the job summary');
    expect(truncateForStepSummary('small\n')).toBe('small\n');
  });
});

describe('secrets never reach a report', () => {
  let written: Written;
  beforeEach(async () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secrets.bareEnvSecret);
    written = await writeToTemp(makeRunResult());
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await written.cleanup();
  });

  const planted = Object.entries(secrets).filter(([name]) => name !== 'accessKeyId');

  it.each(planted)('%s appears in no written file, not even in part', async (_name, value) => {
    for (const name of reportFiles) {
      const text = written.text[name];
      expect(text, name).not.toContain(value);
      expect(text, name).not.toContain(value.slice(0, 16));
      expect(text, name).not.toContain(encodeURIComponent(value));
    }
  });

  it('keeps the surrounding evidence, marked as redacted', () => {
    const report = JSON.parse(written.text['report.json']);
    expect(report.config.credentials).toBe('[REDACTED]');
    expect(report.config.env.AWS_SECRET_ACCESS_KEY).toBe('[REDACTED]');
    const leak = report.rules.find((r: { id: string }) => r.id === 'uniqueness.stateful-leak');
    expect(leak.failure.actual.message).toBe('Authorization: [REDACTED]');
    expect(leak.failure.reason).toContain('X-Amz-Signature=[REDACTED]');
    expect(leak.failure.sdkInput).toMatchObject({ SourceSnapshotName: 'conformance-source', secretAccessKey: '[REDACTED]' });
    expect(leak.failure.body).toContain('Tags.Tag.1.Value=[REDACTED]');
    expect(written.text['junit.xml']).toContain('uniqueness.stateful-leak');
  });
});
