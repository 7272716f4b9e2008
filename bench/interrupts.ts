// Interrupt trials: SIGINT and SIGTERM at seeded random moments of real runs against `mock --port`, in each
// way a run is started (plain, one shard of two, under npx where the signal reaches npx only); after each,
// (Ctrl-C to npx's process group, SIGTERM to npx alone) how many csc- snapshots are left, whether the partial report was written, the exit code, the time to exit.
// Usage: node dist/bench/interrupts.js [--trials 10] [--out interrupts.json]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMockChild } from './processes.js';
import { mulberry32 } from './stats.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = path.join(root, 'bin', 'copysnapshot-conformance.js');
const ruleLine = /^(PASS|FAIL|WARN|SKIP|KNOWN|INCONCLUSIVE)\s/;

type Mode = 'plain' | 'shard' | 'npx';
interface Trial {
  mode: Mode;
  signal: 'SIGINT' | 'SIGTERM';
  afterRules: number;
  exitCode: number | null;
  msToExit: number;
  left: number;
  partialReport: boolean;
}

/** Snapshots named csc-… the mock still lists (paged DescribeSnapshots over plain HTTP). */
async function leftOn(url: string): Promise<number> {
  let marker: string | undefined;
  let left = 0;
  do {
    const body = `Action=DescribeSnapshots&Version=2015-02-02&MaxRecords=50${marker ? `&Marker=${encodeURIComponent(marker)}` : ''}`;
    const text = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).text();
    left += [...text.matchAll(/<SnapshotName>([^<]*)<\/SnapshotName>/g)].filter((m) => m[1]!.toLowerCase().startsWith('csc-')).length;
    marker = /<Marker>([^<]+)<\/Marker>/.exec(text)?.[1];
  } while (marker);
  return left;
}

async function trial(url: string, mode: Mode, signal: Trial['signal'], afterRules: number, seed: number): Promise<Trial> {
  const reports = mkdtempSync(path.join(tmpdir(), 'csc-int-'));
  const runArgs = ['run', '--endpoint', url, '--source-snapshot', 'conformance-source', '--pending-snapshot', 'conformance-pending', '--reports', reports, '--seed', String(seed), ...(mode === 'shard' ? ['--shard', '1/2'] : [])];
  const [cmd, args] = mode === 'npx' ? ['npx', ['--no-install', 'copysnapshot-conformance', ...runArgs]] : [process.execPath, [bin, ...runArgs]];
  const child = spawn(cmd, args, { cwd: root, detached: mode === 'npx', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_ELASTICACHE: '' } });
  let rules = 0;
  let signalledAt = 0;
  child.stderr!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (ruleLine.test(line)) rules++;
    if (!signalledAt && rules >= afterRules) {
      signalledAt = Date.now();
      // under npx: Ctrl-C (SIGINT) reaches the whole process group, as a terminal sends it; SIGTERM reaches
      // npx only, as a supervisor sends it (npx then exits and the run must notice it was orphaned)
      if (mode === 'npx' && signal === 'SIGINT') process.kill(-child.pid!, signal);
      else child.kill(signal);
    }
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // under npx the run itself may outlive npx: wait for the run's report (written after its cleanup)
  const reportFile = path.join(reports, 'report.json');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !existsSync(reportFile)) await new Promise((r) => setTimeout(r, 50));
  let exitReported: number | null = exitCode;
  if (existsSync(reportFile)) {
    // the report is written before the process exits; give the writer a moment to finish the file
    for (let i = 0; i < 100; i++) {
      try {
        exitReported = (JSON.parse(readFileSync(reportFile, 'utf8')) as { exitCode: number }).exitCode;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
  return {
    mode,
    signal,
    afterRules,
    exitCode: mode === 'npx' ? exitReported : exitCode,
    msToExit: signalledAt ? Date.now() - signalledAt : -1,
    left: await leftOn(url),
    partialReport: existsSync(reportFile) && /"aborted":\s*"interrupted/.test(readFileSync(reportFile, 'utf8')),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { trials: { type: 'string', default: '10' }, out: { type: 'string' }, seed: { type: 'string', default: '20261203' } } });
  const trials = Number(values.trials);
  const random = mulberry32(Number(values.seed));
  const mock = await startMockChild(bin);
  const results: Trial[] = [];
  try {
    for (const mode of ['plain', 'shard', 'npx'] as const)
      for (const signal of ['SIGINT', 'SIGTERM'] as const)
        for (let i = 0; i < trials; i++) {
          const t = await trial(mock.url, mode, signal, 1 + Math.floor(random() * (mode === 'shard' ? 20 : 40)), 1000 + results.length);
          results.push(t);
          process.stderr.write(`${mode.padEnd(5)} ${signal} after ${String(t.afterRules).padStart(2)} rules: exit ${t.exitCode}, ${t.msToExit} ms, left ${t.left}, partial report ${t.partialReport ? 'yes' : 'NO'}\n`);
        }
  } finally {
    await mock.stop();
  }
  const summary = ['plain', 'shard', 'npx'].flatMap((mode) =>
    (['SIGINT', 'SIGTERM'] as const).map((signal) => {
      const rs = results.filter((r) => r.mode === mode && r.signal === signal);
      const ms = rs.map((r) => r.msToExit).sort((a, b) => a - b);
      return { mode, signal, trials: rs.length, left: rs.reduce((n, r) => n + r.left, 0), partialReports: rs.filter((r) => r.partialReport).length, exitCodes: [...new Set(rs.map((r) => r.exitCode))], medianMsToExit: ms[Math.floor(ms.length / 2)], maxMsToExit: ms[ms.length - 1] };
    }),
  );
  for (const s of summary) process.stdout.write(`${s.mode.padEnd(5)} ${s.signal.padEnd(7)} ${s.trials} trials: ${s.left} snapshots left, ${s.partialReports}/${s.trials} partial reports, exit ${s.exitCodes.join('/')}, median ${s.medianMsToExit} ms to exit (max ${s.maxMsToExit})\n`);
  if (values.out) writeFileSync(values.out, `${JSON.stringify({ summary, results }, null, 2)}\n`);
  process.exitCode = summary.every((s) => s.left === 0 && s.partialReports === s.trials) ? 0 : 1;
}

await main();
