// Write every report of a run into one folder.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../harness/result.js';
import { toHtml } from './html.js';
import { toReportJson } from './json.js';
import { toJunitXml } from './junit.js';
import { toMarkdown } from './markdown.js';

export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
}

export async function writeReports(result: RunResult, dir: string, opts: { githubStepSummary?: string } = {}): Promise<{ files: string[] }> {
  const report = toReportJson(result);
  const outputs: [string, string][] = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['junit.xml', toJunitXml(report)],
    ['summary.md', toMarkdown(report)],
    ['report.html', toHtml(report)],
  ];
  const files: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of outputs) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      files.push(file);
    }
  } catch (error) {
    throw new ReportWriteError(`cannot write reports to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const summaryFile = opts.githubStepSummary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, outputs[2]![1]).catch(() => undefined);
  return { files };
}
