// `copysnapshot-conformance mock --port N [--host H] [--settle-ms MS] [--quota Q]`
import { parseArgs } from 'node:util';
import { seedSnapshots, seedBuckets } from './fixtures.js';
import { startMockServer } from './server.js';

function fail(message: string): number {
  process.stderr.write(`copysnapshot-conformance mock: ${message}\n`);
  return 2;
}

function whole(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined | string {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return `--${name} must be a whole number from ${min} to ${max}, got "${raw}"`;
  return Number(raw);
}

export async function runMockCommand(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, strict: true, options: { port: { type: 'string' }, host: { type: 'string' }, 'settle-ms': { type: 'string' }, quota: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    return fail(`${String((error as Error).message).split('\n')[0]} (see --help)`);
  }
  if (values.help) {
    process.stdout.write('Usage: copysnapshot-conformance mock --port N [--host H] [--settle-ms MS] [--quota Q]\n  --port 0 picks a free port; --settle-ms: creating → available delay (default 100); --quota: manual snapshots it holds\n');
    return 0;
  }
  const port = whole('port', values.port as string | undefined, 0, 65535);
  const settleMs = whole('settle-ms', values['settle-ms'] as string | undefined, 0);
  const quota = whole('quota', values.quota as string | undefined, 0);
  for (const v of [port, settleMs, quota]) if (typeof v === 'string') return fail(v);
  if (port === undefined) return fail('--port N is required (0 picks a free port)');
  let server;
  try {
    server = await startMockServer({
      port: port as number,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      ...(settleMs !== undefined ? { settleMs: settleMs as number } : {}),
      ...(quota !== undefined ? { quota: quota as number } : {}),
    });
  } catch (error) {
    return fail(`cannot listen: ${String((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`);
  }
  process.stdout.write(`reference mock listening on ${server.url}\n`);
  for (const s of seedSnapshots) process.stdout.write(`  snapshot ${s.name} (${s.status}${s.stuck ? ', stays creating' : ''})\n`);
  process.stdout.write(`  buckets: ${Object.keys(seedBuckets).join(', ')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('reference mock stopped\n');
  return 0;
}
