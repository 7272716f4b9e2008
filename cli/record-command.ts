// `copysnapshot-conformance record --out FILE`: the parity sequence against one endpoint, written as a cassette.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../harness/errors.js';
import { intFlag, parseFlags, targetOptions } from './args.js';
import { commandUsage } from './help.js';
import { configFrom, ensureFileWritable, ensureWritable, processIo, trapSignals, type Io } from './run-command.js';

/** The flags of the parity sequence, shared by record and diff. */
export const parityOptions = {
  seed: { type: 'string' },
  rules: { type: 'string' },
  'skip-rules': { type: 'string' },
  'cases-per-rule': { type: 'string' },
  'max-creates': { type: 'string' },
  reports: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const recordOptions = { ...targetOptions, out: { type: 'string' }, ...parityOptions } as const;


export const casesPerRuleOf = (values: Record<string, unknown>, fallback: number): number => intFlag(values as never, 'cases-per-rule', 1, 1000) ?? fallback;

export async function recordCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { values } = parseFlags(argv, recordOptions, 'record');
  if (values.help) {
    io.out(commandUsage.get('record') ?? '');
    return 0;
  }
  if (typeof values.out !== 'string' || values.out.trim() === '') throw new UsageError('record: --out FILE is required (the cassette to write, e.g. --out aws.cassette.jsonl)');
  const out = path.resolve(values.out);
  const config = await configFrom(values);
  await ensureWritable(config.reports);
  await ensureFileWritable('--out', out);
  const [{ recordCassetteRun }, { defaultCasesPerRule }, { serializeCassette }, { referenceTarget }] = await Promise.all([
    import('../harness/parity/run.js'),
    import('../harness/parity/sequence.js'),
    import('../harness/parity/cassette.js'),
    import('./reference-target.js'),
  ]);
  const casesPerRule = casesPerRuleOf(values, defaultCasesPerRule);
  const trap = trapSignals(io);
  const quiet = values.quiet === true;
  let recorded;
  try {
    recorded = await recordCassetteRun(config, casesPerRule, { defaultTarget: referenceTarget, signal: trap.signal, onRule: (_side, rule, n) => quiet || io.err(`recorded ${String(n).padStart(3)} steps  ${rule}`) });
  } finally {
    trap.release();
  }
  const interrupted = trap.exitCode();
  if (interrupted !== undefined || !recorded.value) {
    io.err(`record: stopped before the sequence ended (${recorded.problem ?? 'interrupted'}); no cassette written. ${recorded.creates} snapshot(s) created and cleaned up.`);
    return interrupted ?? 1;
  }
  const text = serializeCassette(recorded.value);
  await writeFile(out, text);
  const c = recorded.value;
  const skipped = Object.keys(c.header.skipped).length;
  io.out(
    `recorded ${c.exchanges.length} steps of ${c.header.rules.length} rules (${skipped} skipped) from ${c.header.target.url} to ${path.relative(process.cwd(), out) || out} (${Math.round(text.length / 1024)} KiB); ` +
      `${recorded.requests} requests, ${recorded.creates} snapshot(s) created and cleaned up`,
  );
  if (skipped && !quiet) for (const [rule, why] of Object.entries(c.header.skipped)) io.err(`  skipped ${rule}: ${why}`);
  if (recorded.problem) {
    io.err(`record: ${recorded.problem}`);
    return 1;
  }
  return 0;
}
