// Child-process probe for memory growth: run embedded suites of the full rule mix (every rule, stateful and
// post-state ones included) until `high` checked requests, sampling resident memory (after a forced GC when
// --expose-gc is given) once past `low` and once past `high`.
// Usage: node --expose-gc dist/bench/rss-probe.js <low> <high>; prints one JSON line.
import { resolveConfig, runSuite } from '../cli/entry.js';
import type { RuleId } from '../specs/rules.js';

/** Resident and V8 heap bytes after forced collections: RSS also moves with the allocator, the heap does not. */
function settledMemory(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

async function main(low: number, high: number): Promise<void> {
  // a batch is ~numRuns requests for each of ~57 rules; keep batches small against `low` so the samples sit near the marks
  const numRuns = Math.max(5, Math.min(200, Math.floor(low / 250)));
  const config = await resolveConfig({}, { numRuns, seed: 1, concurrency: 4 });
  let requests = 0;
  let atLow: { rss: number; heap: number } | undefined;
  let requestsAtLow = 0;
  let seed = 1;
  const started = performance.now();
  while (requests < high) {
    const r = await runSuite({ ...config, seed: seed++ });
    if (r.aborted) throw new Error(`suite aborted: ${r.aborted}`);
    requests += r.requests;
    if (atLow === undefined && requests >= low) {
      atLow = settledMemory();
      requestsAtLow = requests;
    }
  }
  const atHigh = settledMemory();
  const out = {
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    requestsAtLow,
    requestsAtHigh: requests,
    rssLow: atLow?.rss,
    rssHigh: atHigh.rss,
    heapLow: atLow?.heap,
    heapHigh: atHigh.heap,
    seconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const [low, high] = process.argv.slice(2).map(Number);
if (!Number.isInteger(low) || !Number.isInteger(high) || low! < 1 || high! <= low!) {
  process.stderr.write('usage: rss-probe <low> <high> (whole numbers, high > low)\n');
  process.exit(2);
}
main(low!, high!).catch((error: unknown) => {
  process.stderr.write(`rss-probe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
