// `copysnapshot-conformance diff`: how two endpoints (or a recording and an endpoint) answer the same parity
// sequence differently, grouped by rule family; exit 1 on any difference the allow-list does not accept.
import path from 'node:path';
import { UsageError } from '../harness/errors.js';
import type { ResolvedConfig } from '../harness/config.js';
import type { ParityDiff, StepDifference } from '../harness/parity-types.js';
import { parseFlags, targetOptions, type ParsedValues } from './args.js';
import { commandUsage } from './help.js';
import { casesPerRuleOf, parityOptions } from './record-command.js';
import { configFrom, ensureWritable, processIo, trapSignals, type Io } from './run-command.js';

export const diffOptions = {
  ...targetOptions,
  endpoint: { type: 'string', multiple: true },
  cassette: { type: 'string' },
  'allow-diff': { type: 'string' },
  case: { type: 'string' },
  json: { type: 'boolean' },
  ...parityOptions,
} as const;


/** Side A's and side B's configs: the same flags, each with its own endpoint (none: the embedded reference mock). */
async function sideConfigs(values: ParsedValues, endpoints: string[]): Promise<{ a: ResolvedConfig; b: ResolvedConfig }> {
  const one = async (endpoint: string | undefined) => configFrom({ ...values, endpoint });
  if (endpoints.length === 2) return { a: await one(endpoints[0]), b: await one(endpoints[1]) };
  // one endpoint: it is B, compared with A (the cassette, or the embedded reference mock)
  return { a: await one(undefined), b: await one(endpoints[0]) };
}

/** A block per family: its first difference side by side, and the lines that replay it. */
function differenceBlocks(diff: ParityDiff, replayFor: (casePath: string, rule: string) => string, curlFor: (d: StepDifference) => string | undefined): string[] {
  const blocks: string[] = [];
  for (const family of diff.byFamily) {
    const first = diff.differences.find((d) => d.family === family.family && d.allowed === undefined)!;
    const rows: [string, string, string][] = [];
    const fields = first.fields.includes('missing') ? ['outcome', 'status', 'code'] : first.fields;
    for (const f of fields) {
      const show = (n: StepDifference['a']) => {
        if (n === undefined) return '(no such step)';
        const v = (n as unknown as Record<string, unknown>)[f];
        return v === undefined ? '—' : JSON.stringify(v);
      };
      rows.push([f, show(first.a), show(first.b)]);
    }
    const width = Math.max(12, ...rows.map((r) => r[1].length).map((n) => Math.min(n, 48)));
    const lines = [
      `${family.family}: ${family.differences} step(s) differ in ${family.rules.join(', ')}`,
      `  first: ${first.case} (${first.step})`,
      `  request  ${first.request.method} ${first.request.path} ${first.request.body.slice(0, 200)}`,
      `  ${'field'.padEnd(14)} ${'A'.padEnd(width)}  B`,
      ...rows.map(([f, a, b]) => `  ${f.padEnd(14)} ${a.slice(0, 48).padEnd(width)}  ${b.slice(0, 160)}`),
      `  replay   ${replayFor(first.case.split('/').slice(0, 2).join('/'), first.case.split('/')[0]!)}`,
    ];
    const curl = curlFor(first);
    if (curl) lines.push(`  curl     ${curl}`);
    blocks.push(lines.join('\n'));
  }
  return blocks;
}

export async function diffCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { values } = parseFlags(argv, diffOptions, 'diff');
  if (values.help) {
    io.out(commandUsage.get('diff') ?? '');
    return 0;
  }
  const endpoints = (values.endpoint as string[] | undefined) ?? [];
  const cassetteFile = typeof values.cassette === 'string' ? path.resolve(values.cassette) : undefined;
  if (endpoints.length > 2) throw new UsageError('diff: at most two --endpoint flags (A and B)');
  if (cassetteFile && endpoints.length > 1) throw new UsageError('diff: --cassette FILE is side A; give one --endpoint (side B), or none for the embedded reference mock');
  const { a: configA, b: configB } = await sideConfigs(values, endpoints);
  await ensureWritable(configB.reports);
  const [{ recordCassetteRun, diffAgainst, onlyCase }, { readCassette }, { readAllowList, unacceptedDifferences }, { defaultCasesPerRule }, { diffRunResult, differenceReason }, { curlCommand, quote, targetFlags }, { newRunId }, { writeReports, toReportJson }, { addCounts, emptyCounts }, { referenceTarget }] =
    await Promise.all([
      import('../harness/parity/run.js'),
      import('../harness/parity/cassette.js'),
      import('../harness/parity/diff.js'),
      import('../harness/parity/sequence.js'),
      import('../harness/parity/report.js'),
      import('../harness/run/replay-command.js'),
      import('../harness/run/context.js'),
      import('../reports/index.js'),
      import('../harness/run/counting.js'),
      import('./reference-target.js'),
    ]);
  const allow = typeof values['allow-diff'] === 'string' ? readAllowList(values['allow-diff']) : {};
  const casePath = typeof values.case === 'string' ? values.case : undefined;
  const started = Date.now();
  const quiet = values.quiet === true || values.json === true;
  const trap = trapSignals(io);
  const onRule = (side: string, rule: string, n: number) => quiet || io.err(`${side === 'record' ? 'A' : 'B'}: ${String(n).padStart(3)} steps  ${rule}`);
  let diff: ParityDiff | undefined;
  let problem: string | undefined;
  let skipped: Record<string, string> = {};
  let casesPerRule = casesPerRuleOf(values, defaultCasesPerRule);
  let seed = configA.seed;
  const counts = emptyCounts();
  try {
    let cassette;
    let labelA: string;
    if (cassetteFile) {
      cassette = readCassette(cassetteFile);
      labelA = `${cassette.header.target.url} (recorded ${cassette.header.recordedAt})`;
      casesPerRule = cassette.header.casesPerRule;
      seed = cassette.header.seed;
    } else {
      const recorded = await recordCassetteRun(configA, casesPerRule, { defaultTarget: referenceTarget, signal: trap.signal, onRule });
      if (recorded.problem) problem = `side A: ${recorded.problem}`;
      cassette = recorded.value;
      labelA = cassette?.header.target.url ?? 'A';
      if (recorded.counts) addCounts(counts, recorded.counts);
    }
    if (cassette && trap.exitCode() === undefined) {
      skipped = cassette.header.skipped;
      const chosen = onlyCase(cassette, casePath);
      // a case that names nothing would compare nothing and pass: say so instead
      if (casePath !== undefined && chosen.exchanges.length === 0) throw new UsageError(`diff: --case ${casePath} names no step of the sequence (copy the --case of a printed replay line, e.g. tags.max-50/0)`);
      const compared = await diffAgainst(chosen, labelA, configB, allow, { defaultTarget: referenceTarget, signal: trap.signal, onRule });
      if (compared.problem) problem = problem ? `${problem}; side B: ${compared.problem}` : `side B: ${compared.problem}`;
      diff = compared.value;
      if (diff && cassetteFile) diff.cassette = { file: path.relative(process.cwd(), cassetteFile) || cassetteFile, recordedAt: cassette.header.recordedAt };
      if (compared.counts) addCounts(counts, compared.counts);
    }
  } finally {
    trap.release();
  }
  const interrupted = trap.exitCode();
  if (interrupted !== undefined || !diff) {
    io.err(`diff: stopped before both sides were compared (${problem ?? 'interrupted'})`);
    return interrupted ?? 1;
  }
  const replayFor = (c: string, rule: string) => {
    const flags = cassetteFile
      ? ['--cassette', path.relative(process.cwd(), cassetteFile) || cassetteFile, ...targetFlags(configB)]
      : [...(configA.endpoint ? ['--endpoint', configA.endpoint] : []), ...targetFlags(configB), '--seed', String(seed), '--cases-per-rule', String(casesPerRule), '--rules', rule];
    return ['copysnapshot-conformance', 'diff', ...flags, '--case', c].map(quote).join(' ');
  };
  const result = diffRunResult(diff, { runId: newRunId(), seed, casesPerRule, startedAt: started, configB, skipped, counts, replayFor, ...(problem ? { problem } : {}) });
  const written = await writeReports(result, configB.reports);
  const open = unacceptedDifferences(diff);
  if (values.json) io.out(JSON.stringify(toReportJson(result), null, 2));
  else {
    for (const block of differenceBlocks(diff, replayFor, (d) => curlCommand(configB, d.request))) io.err(`\n${block}`);
    if (problem) io.err(`\n${problem}`);
    const accepted = diff.allowed ? ` (${diff.allowed} accepted by --allow-diff)` : '';
    io.out(
      `diff: A ${diff.sides.a} · B ${diff.sides.b}: ${diff.steps.a} steps of ${diff.rules.length} rules compared, ${open.length} differ${accepted}` +
        (open.length ? ` in ${diff.byFamily.map((f) => f.family).join(', ')}` : '') +
        `\nreports: ${written.files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}`,
    );
    if (open.length && !quiet) io.err(`first difference: ${differenceReason(open[0]!, diff.sides)}`);
  }
  return result.exitCode;
}

