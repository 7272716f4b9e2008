// `copysnapshot-conformance mock --port N [--host H] [--settle-ms MS] [--quota Q]`: the reference mock
// (mock/server.ts), or a planted-bug variant of it, over HTTP until stopped.
import { parseArgs } from 'node:util';
import { referenceFixtures, seedBuckets, seedSnapshots } from '../mock/fixtures.js';
// the server and the planted bugs (msw and the mock's handlers) load after the flags are read: a usage error
// answers at once
const loadMutants = async () => (await import('../mock/mutants.js')).mutants;

export interface MockCommandIo {
  out?: (text: string) => void;
  err?: (text: string) => void;
  /** stop when this settles (tests); SIGINT and SIGTERM always stop */
  stop?: Promise<unknown>;
}

const usage = 'Usage: copysnapshot-conformance mock --port N [--host H] [--settle-ms MS] [--quota Q] [--preserve-case] [--mutant ID | --list-mutants]';

function whole(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined | string {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return `--${name} must be a whole number from ${min} to ${max}, got "${raw}"`;
  return Number(raw);
}

const f = referenceFixtures;

/** The fixture flags that point a run at what this mock seeded (every rule then has what it needs). */
function fixtureFlags(quota: number | undefined): string[] {
  const flags = ['--source-snapshot', f.sourceSnapshot!, '--pending-snapshot', f.pendingSnapshot!, '--export-bucket', f.exportBucket!];
  for (const [condition, bucket] of Object.entries(f.buckets ?? {})) flags.push('--bucket-fixture', `${condition}=${bucket}`);
  flags.push('--existing-export-target', f.existingExportTarget!);
  if (quota !== undefined) flags.push('--snapshot-quota', String(quota));
  return flags;
}

/** What the mock seeded, each with the flag that serves it to a run. */
function bannerLines(quota: number | undefined): string[] {
  const row = (what: string, flag: string) => `  ${what.padEnd(64)} ${flag}`;
  const lines = [row(`cluster ${f.cluster}`, `--cluster ${f.cluster}`)];
  for (const s of seedSnapshots) {
    const flag = s.name === f.sourceSnapshot ? `--source-snapshot ${s.name}` : s.name === f.pendingSnapshot ? `--pending-snapshot ${s.name}` : '(seeded, no flag)';
    lines.push(row(`snapshot ${s.name} (${s.status}, ${s.source}${s.stuck ? ', stays creating' : ''})`, flag));
  }
  const conditionOf = new Map(Object.entries(f.buckets ?? {}).map(([condition, bucket]) => [bucket, condition]));
  for (const bucket of Object.keys(seedBuckets)) {
    const condition = conditionOf.get(bucket);
    lines.push(row(`bucket ${bucket}`, bucket === f.exportBucket ? `--export-bucket ${bucket}` : condition ? `--bucket-fixture ${condition}=${bucket}` : '(seeded, no flag)'));
  }
  lines.push(row(`export target ${f.existingExportTarget} (its .rdb exists in ${f.buckets?.['object-exists']})`, `--existing-export-target ${f.existingExportTarget}`));
  lines.push(row('any other bucket does not exist', `e.g. --bucket-fixture does-not-exist=${f.buckets?.['does-not-exist']}`));
  if (quota !== undefined) lines.push(row(`snapshot quota: ${quota} manual snapshots`, `--snapshot-quota ${quota}`));
  return lines;
}

/** Resolves on the first of SIGINT, SIGTERM or `extra`; removes its listeners afterwards. */
function stopRequested(extra?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    extra?.then(stop, stop);
  });
}

/** Run the reference mock until stopped. Exit code 0 after a clean stop, 2 for bad flags or a port in use. */
export async function mockCommand(argv: string[], io: MockCommandIo = {}): Promise<number> {
  const out = io.out ?? ((text: string) => process.stdout.write(text));
  const err = io.err ?? ((text: string) => process.stderr.write(text));
  const fail = (message: string) => {
    err(`copysnapshot-conformance mock: ${message}\n`);
    return 2;
  };
  let values: { port?: string; host?: string; 'settle-ms'?: string; quota?: string; 'preserve-case'?: boolean; mutant?: string; 'list-mutants'?: boolean; help?: boolean };
  try {
    values = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { port: { type: 'string' }, host: { type: 'string' }, 'settle-ms': { type: 'string' }, quota: { type: 'string' }, 'preserve-case': { type: 'boolean' }, mutant: { type: 'string' }, 'list-mutants': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    return fail(`${String((error as Error).message).split('\n')[0]} (${usage})`);
  }
  if (values.help) {
    out(`${usage}\n  --port 0 picks a free port; --host defaults to 127.0.0.1\n  --settle-ms: how long a new snapshot stays creating (default 100)\n  --quota: the most manual snapshots it holds (default: no quota)\n  --preserve-case: keep names as given, unique case-sensitively, like moto (not conforming: ElastiCache lowercases)\n  --mutant ID: serve a planted-bug variant instead (watch the suite catch it); --list-mutants lists them\n`);
    return 0;
  }
  if (values['list-mutants']) {
    const mutants = await loadMutants();
    out(`${mutants.map((m) => `${m.id.padEnd(32)} ${m.description} (breaks ${m.breaks.join(', ')})`).join('\n')}\n`);
    return 0;
  }
  const mutants = values.mutant === undefined ? [] : await loadMutants();
  const planted = values.mutant === undefined ? undefined : mutants.find((m) => m.id === values.mutant);
  if (values.mutant !== undefined && !planted) return fail(`no planted bug "${values.mutant}" (--list-mutants lists the ${mutants.length})`);
  if (planted && values['preserve-case']) return fail('--mutant and --preserve-case cannot be combined');
  const port = whole('port', values.port, 0, 65535);
  const settleMs = whole('settle-ms', values['settle-ms'], 0);
  const quota = whole('quota', values.quota, 0);
  for (const v of [port, settleMs, quota]) if (typeof v === 'string') return fail(v);
  if (port === undefined) return fail(`--port N is required (0 picks a free port). ${usage}`);
  if (values.host !== undefined && values.host.trim() === '') return fail('--host must not be empty');
  const storeOptions = { ...(settleMs !== undefined ? { settleMs: settleMs as number } : {}), ...(quota !== undefined ? { quota: quota as number } : {}) };
  const { startMockServer } = await import('../mock/server.js');
  let server;
  try {
    server = await startMockServer({
      ...(planted ? { answerWire: planted.create(storeOptions).answerWire } : {}),
      port: port as number,
      host: values.host ?? '127.0.0.1',
      ...(settleMs !== undefined ? { settleMs: settleMs as number } : {}),
      ...(quota !== undefined ? { quota: quota as number } : {}),
      ...(values['preserve-case'] ? { preserveCase: true } : {}),
    });
  } catch (error) {
    return fail(`cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${String((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`);
  }
  const lines = [`${planted ? `planted-bug mock "${planted.id}"` : 'reference mock'} listening on ${server.url}`];
  if (planted) lines.push(`  planted bug: ${planted.description} (the suite must fail ${planted.breaks.join(' or ')})`);
  lines.push(...bannerLines(quota as number | undefined));
  lines.push(`  run the suite against it:\n    copysnapshot-conformance run --endpoint ${server.url} ${fixtureFlags(quota as number | undefined).join(' ')}`);
  if (values['preserve-case']) lines.push('  names kept as given (case-preserving, like moto; not conforming)');
  out(`${lines.join('\n')}\n`);
  await stopRequested(io.stop);
  await server.close();
  out('reference mock stopped\n');
  return 0;
}
