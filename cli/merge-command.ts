// `copysnapshot-conformance merge-reports --out DIR SHARD.json…`: the report.json files of the shards of one run
// (`--shard I/N`, one seed) become one run's report.json, junit.xml, summary.md and report.html (reports/merge.ts).
import { parseArgs } from 'node:util';
import { mergeReports, MergeProblem } from '../reports/merge.js';
import { readReportFile, ReportReadError } from '../reports/read.js';
import { writeReports } from '../reports/write.js';

const usage = 'usage: copysnapshot-conformance merge-reports --out DIR SHARD/report.json [SHARD/report.json …]';

/** Exit code: the merged run's (0, 1, or a shard's 3/129/130/143); 2 for bad usage or unusable input. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`copysnapshot-conformance merge-reports: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail(`${String((error as Error).message).split('\n')[0]} (${usage})`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n  combines the report.json of each shard of one run (--shard I/N, one --seed) into one run's reports in DIR\n`);
    return 0;
  }
  if (!parsed.values.out) return fail(`--out DIR is required (${usage})`);
  if (parsed.positionals.length === 0) return fail(`no report.json given (${usage})`);
  try {
    const merged = mergeReports(await Promise.all(parsed.positionals.map(readReportFile)));
    const written = await writeReports(merged, parsed.values.out, { githubStepSummary: '' });
    const s = merged.summary;
    process.stdout.write(`merged ${parsed.positionals.length} shards: ${s.pass} passed, ${s.fail} failed, ${s.warn} warned, ${s.inconclusive} inconclusive, ${s.skip} skipped — ${merged.rules.length} rules, ${merged.requests} requests\nreports: ${written.files.join(', ')}\n`);
    return merged.exitCode;
  } catch (error) {
    if (error instanceof MergeProblem || error instanceof ReportReadError) return fail(error.message);
    throw error;
  }
}
