// Write the four reports of a run into one folder (and summary.md to the GitHub job summary).
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { redact } from '../protocol/redact.js';
import type { RunResult } from '../harness/result.js';
import { toHtml } from './html.js';
import { toReportJson } from './json.js';
import { toJunitXml } from './junit.js';
import { toMarkdown } from './markdown.js';

export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
}

export interface WriteReportsOptions {
  /** a file to append summary.md to; defaults to $GITHUB_STEP_SUMMARY, '' turns it off */
  githubStepSummary?: string;
}

// GitHub refuses a job summary larger than 1 MiB; a cut summary is better than none.
const stepSummaryLimit = 1_000_000;

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a path component is not a folder',
  EEXIST: 'a file of that name exists',
  EISDIR: 'a folder is in the way',
  ENOSPC: 'no space left on device',
};

function oneLine(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code ? `${code}${reasons[code] ? ` (${reasons[code]})` : ''}` : String((error as Error).message ?? error).split('\n')[0];
  return `cannot write reports to ${path.resolve(dir)}: ${why}`;
}

export function truncateForStepSummary(markdown: string, limit = stepSummaryLimit): string {
  // redacted before the cut: a cut secret would no longer be recognised
  markdown = redact(markdown);
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = '\n\n… (cut to fit the job summary; see summary.md in the uploaded reports)\n';
  let cut = markdown.slice(0, limit - note.length);
  while (Buffer.byteLength(cut) > limit - note.length) cut = cut.slice(0, -1000);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`;
}

export async function writeReports(result: RunResult, dir: string, opts: WriteReportsOptions = {}): Promise<{ files: string[] }> {
  const report = toReportJson(result);
  const summary = toMarkdown(report);
  const outputs: [string, string][] = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['junit.xml', toJunitXml(report)],
    ['summary.md', summary],
    ['report.html', toHtml(report)],
  ];
  const files: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of outputs) {
      const file = path.join(dir, name);
      // the report's strings are redacted already; one more pass over the file as written costs little
      await writeFile(file, redact(text));
      files.push(file);
    }
  } catch (error) {
    throw new ReportWriteError(oneLine(dir, error));
  }
  const stepSummary = opts.githubStepSummary ?? process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    // the reports are written; a job summary that cannot be appended is worth a line, not a failed run
    await appendFile(stepSummary, `\n${truncateForStepSummary(summary)}`).catch((error: unknown) => {
      process.stderr.write(`copysnapshot-conformance: cannot append to the job summary ${stepSummary}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    });
  }
  return { files };
}
