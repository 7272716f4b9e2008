// `copysnapshot-conformance compare BASE.json NEW.json [--fail-on regression] [--json]`:
// what changed between two runs' report.json files (reports/compare.ts).
import { parseArgs } from 'node:util';
import { compareReports, formatComparison, printable } from '../reports/compare.js';
import type { ReportJson } from '../reports/json.js';
import { readReportFile, ReportReadError } from '../reports/read.js';

const usage = 'usage: copysnapshot-conformance compare BASE.json NEW.json [--fail-on regression] [--json]';

class CompareUsage extends Error {}

async function readReport(file: string): Promise<ReportJson> {
  return readReportFile(file).catch((error: unknown) => {
    throw error instanceof ReportReadError ? new CompareUsage(error.message) : error;
  });
}

export interface CompareIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CompareIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** 0: compared (or differences without --fail-on); 1: --fail-on regression and a rule regressed; 2: usage or unreadable input. */
export async function compareCommand(argv: string[], io: CompareIo = processIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'fail-on': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      throw new CompareUsage(`${String((error as Error).message).split('\n')[0]}; ${usage}`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(`${usage}\n`);
      return 0;
    }
    if (positionals.length !== 2) throw new CompareUsage(usage);
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'regression') throw new CompareUsage(`--fail-on takes "regression", not "${values['fail-on']}"`);
    const [base, next] = [await readReport(positionals[0]!), await readReport(positionals[1]!)];
    const c = compareReports(base, next);
    io.out(values.json ? `${JSON.stringify(c, null, 2)}\n` : formatComparison(c, base, next));
    return values['fail-on'] === 'regression' && c.regressions.length > 0 ? 1 : 0;
  } catch (error) {
    const message = error instanceof CompareUsage ? error.message : `internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    io.err(`copysnapshot-conformance compare: ${printable(message)}\n`);
    return 2;
  }
}
