// Write a fixture's reports into a fresh temporary folder and read them back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunResult } from '../../harness/result.js';
import { writeReports } from '../../reports/index.js';

export const reportFiles = ['report.json', 'junit.xml', 'summary.md', 'report.html'] as const;

export interface Written {
  dir: string;
  files: string[];
  text: Record<(typeof reportFiles)[number], string>;
  cleanup: () => Promise<void>;
}

export async function writeToTemp(run: RunResult, opts: { githubStepSummary?: string } = { githubStepSummary: '' }): Promise<Written> {
  const dir = await mkdtemp(path.join(tmpdir(), 'csc-reports-'));
  const { files } = await writeReports(run, dir, opts);
  const entries = await Promise.all(reportFiles.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const));
  return { dir, files, text: Object.fromEntries(entries) as Written['text'], cleanup: () => rm(dir, { recursive: true, force: true }) };
}
