// `node dist/bench/scale.js N`: cost per request of the rules whose cases grow the mock's store
// (uniqueness.*, post-state.*) against the embedded reference mock, at numRuns N. Compare N = 100 and 1000:
// a store whose lookups or listings grow with it shows as a rising cost per request. Prints one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig, runSuite } from '../cli/entry.js';

async function main(numRuns: number): Promise<void> {
  const reports = await mkdtemp(path.join(tmpdir(), 'bench-scale-'));
  try {
    const config = await resolveConfig({}, { numRuns, seed: 1, rules: ['uniqueness', 'post-state'], reports });
    const r = await runSuite(config);
    const verdicts = Object.fromEntries(r.rules.map((x) => [x.id, x.verdict]));
    process.stdout.write(`${JSON.stringify({ numRuns, requests: r.requests, ms: Math.round(r.durationMs), ms_per_request: Number((r.durationMs / r.requests).toFixed(3)), verdicts })}\n`);
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}

const numRuns = Number(process.argv[2]);
if (!Number.isInteger(numRuns) || numRuns < 1) {
  process.stderr.write('usage: node dist/bench/scale.js N (numRuns, a whole number ≥ 1)\n');
  process.exit(2);
}
main(numRuns).catch((error: unknown) => {
  process.stderr.write(`scale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
