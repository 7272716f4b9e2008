// Reading a report.json back (compare, merge-reports): every way a file can be unusable is one line.
import { readFile } from 'node:fs/promises';
import { reportProblem, type ReportJson } from './json.js';

export class ReportReadError extends Error {}

export async function readReportFile(file: string): Promise<ReportJson> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportReadError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReportReadError(`${file} is not JSON`);
  }
  const problem = reportProblem(value);
  if (problem) throw new ReportReadError(`${file} is not a usable report.json: ${problem}`);
  return value as ReportJson;
}
