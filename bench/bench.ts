// `npm run bench [-- --quick] [--out FILE]`: measure the harness against this machine's limits, write
// bench.json and print a table with each goal met or missed. See BENCHMARKS.md for how to read it.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockChild, type MockChild } from './processes.js';
import {
  measureCliOverHttp,
  measureDefaultRun,
  measureGenerate,
  measureRaw,
  measureRss,
  measureShrink,
  measureSuite,
  measureVitestFloor,
  harnessRules,
} from './measures.js';
import { median, round } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(root, 'bin', 'copysnapshot-conformance.js');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const rssProbe = fileURLToPath(new URL('./rss-probe.js', import.meta.url));

interface Args {
  quick: boolean;
  out: string;
}

/** Parse argv; a bad flag is a one-line usage error (exit 2). */
function parseArgs(argv: string[]): Args | string {
  const args: Args = { quick: false, out: path.join(root, 'bench.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--out' || a.startsWith('--out=')) {
      const value = a === '--out' ? argv[++i] : a.slice('--out='.length);
      if (!value || value.startsWith('--')) return '--out needs a file name';
      args.out = path.resolve(value);
    } else return `unknown argument "${a.slice(0, 60)}" (usage: npm run bench [-- --quick] [--out FILE])`;
  }
  return args;
}

/** Counts for a full run and for --quick (under a minute). */
const plans = {
  full: { rawSeconds: 5, warmupSeconds: 2, numRuns: 200, cliRuns: 2, generate: 20_000, runs: 3, rssLow: 10_000, rssHigh: 100_000 },
  quick: { rawSeconds: 1.5, warmupSeconds: 0.5, numRuns: 25, cliRuns: 1, generate: 2_000, runs: 1, rssLow: 1_500, rssHigh: 8_000 },
};

type Plan = (typeof plans)['full'];

interface Goal {
  name: string;
  value: number;
  limit: number;
  /** true: value must be at least `limit`; false: at most */
  atLeast: boolean;
}

/**
 * The real path against the machine's ceiling: raw windows and CLI runs (all rules, preflight, cleanup, a
 * process each) alternate on one mock — raw, CLI, raw, CLI, raw — and each CLI run is set against the mean of
 * the raw windows on either side of it, so drift of the machine's speed shows in the raws, not in the ratio.
 */
async function overHttp(plan: Plan) {
  let mock: MockChild | undefined;
  try {
    mock = await startMockChild(bin);
    const raws = [await measureRaw(mock.url, plan.rawSeconds, plan.warmupSeconds)];
    const clis: Awaited<ReturnType<typeof measureCliOverHttp>>[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < plan.cliRuns; i++) {
      clis.push(await measureCliOverHttp(bin, mock.url, plan.numRuns));
      raws.push(await measureRaw(mock.url, plan.rawSeconds, 0));
      ratios.push(clis[i]!.rps / ((raws[i]! + raws[i + 1]!) / 2));
    }
    return { raws, clis, ratios };
  } finally {
    await mock?.stop();
  }
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`bench: ${args}\n`);
    return 2;
  }
  const plan = args.quick ? plans.quick : plans.full;
  // fail before minutes of measuring, not after
  const outDir = path.dirname(args.out);
  if (!existsSync(outDir)) {
    process.stderr.write(`bench: --out folder does not exist: ${outDir}\n`);
    return 2;
  }
  const started = performance.now();
  log(`raw loopback windows alternated with ${plan.cliRuns} CLI run(s) over HTTP, all rules (${plan.rawSeconds}s windows, numRuns ${plan.numRuns})`);
  const { raws, clis, ratios } = await overHttp(plan);
  const raw = median(raws);
  const cliRps = median(clis.map((c) => c.rps));
  log('embedded harness');
  const embedded = await measureSuite(plan.numRuns);
  log(`generate ${plan.generate} cases`);
  const generateRps = measureGenerate(plan.generate);
  log(`default CLI run ×${plan.runs}`);
  const defaultRun = await measureDefaultRun(bin, plan.runs);
  log(`vitest floor ×${plan.runs}`);
  const vitestFloor = await measureVitestFloor(vitest, plan.runs);
  log('shrink over mutants');
  const shrink = await measureShrink();
  log(`rss ${plan.rssLow} → ${plan.rssHigh} requests`);
  const rss = await measureRss(rssProbe, plan.rssLow, plan.rssHigh);

  const harnessVsRaw = median(ratios);
  const goals: Goal[] = [
    { name: 'harness_vs_raw', value: harnessVsRaw, limit: 0.5, atLeast: true },
    { name: 'default_run_s', value: defaultRun, limit: 3, atLeast: false },
    { name: 'default_run_s - vitest_floor_s', value: defaultRun - vitestFloor, limit: 2, atLeast: false },
    { name: 'shrink_s', value: shrink.seconds, limit: 2, atLeast: false },
    { name: 'rss_growth', value: rss.growth, limit: 0.1, atLeast: false },
  ];
  const met = (g: Goal) => (g.atLeast ? g.value >= g.limit : g.value <= g.limit);
  const result = {
    date: new Date().toISOString(),
    quick: args.quick,
    node: process.version,
    cpus: os.cpus().length,
    // the median raw window, and the CLI's real path over HTTP (all rules) against the raws beside it
    raw_rps: round(raw, 1),
    harness_rps: round(cliRps, 1),
    harness_vs_raw: round(harnessVsRaw, 4),
    embedded_rps: round(embedded.rps, 1),
    generate_rps: round(generateRps, 1),
    default_run_s: round(defaultRun),
    vitest_floor_s: round(vitestFloor),
    shrink_s: round(shrink.seconds),
    rss_growth: round(rss.growth, 4),
    // kept for comparison with earlier bench.json files: the same figures as harness_rps / harness_vs_raw now
    cli_http_rps: round(cliRps, 1),
    cli_http_vs_raw: round(harnessVsRaw, 4),
    goals: Object.fromEntries(goals.map((g) => [g.name, { value: round(g.value, 4), limit: g.limit, met: met(g) }])),
    details: {
      embedded_rules: harnessRules,
      numRuns: plan.numRuns,
      raw_seconds: plan.rawSeconds,
      raw_warmup_seconds: plan.warmupSeconds,
      raw_windows_rps: raws.map((r) => round(r, 1)),
      cli_http: clis.map((c, i) => ({ requests: c.requests, seconds: round(c.seconds), rps: round(c.rps, 1), vs_raw: round(ratios[i]!, 4), by_action: c.byAction })),
      embedded: { requests: embedded.requests, seconds: round(embedded.seconds), failedRules: embedded.failedRules },
      generate_cases: plan.generate,
      process_runs: plan.runs,
      shrink,
      rss: { ...rss, rssLowMb: round(rss.rssLowMb, 1), rssHighMb: round(rss.rssHighMb, 1) },
      bench_seconds: round((performance.now() - started) / 1000, 1),
    },
  };
  await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(result, goals, met);
  process.stdout.write(`\nwrote ${args.out} in ${result.details.bench_seconds}s\n`);
  return 0;
}

function printTable(r: Record<string, unknown>, goals: Goal[], met: (g: Goal) => boolean): void {
  const fields = ['quick', 'node', 'cpus', 'raw_rps', 'harness_rps', 'harness_vs_raw', 'embedded_rps', 'generate_rps', 'default_run_s', 'vitest_floor_s', 'shrink_s', 'rss_growth', 'cli_http_rps', 'cli_http_vs_raw'];
  const width = Math.max(...fields.map((f) => f.length), ...goals.map((g) => g.name.length));
  for (const f of fields) process.stdout.write(`${f.padEnd(width)}  ${String(r[f])}\n`);
  process.stdout.write('\ngoals\n');
  for (const g of goals)
    process.stdout.write(`${g.name.padEnd(width)}  ${String(round(g.value, 3)).padStart(9)} ${g.atLeast ? '≥' : '≤'} ${String(g.limit).padEnd(4)} ${met(g) ? 'met' : 'MISSED'}\n`);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
