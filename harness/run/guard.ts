// The guard: a detached `cleanup --guard` process started beside every run against an endpoint, whose standard
// input is a pipe from the run's process. It cleans up unless told `closed`, so a run that dies with no code of
// ours running (SIGKILL, out of memory, vitest's threads pool, whose worker threads get no signals and are ended
// without a hook) still leaves nothing behind. It is in a process group of its own, so a Ctrl-C to the run's
// group does not reach it, and it reads the run's ledger, which holds every name the run may have made.
import { spawn } from 'node:child_process';
import type { ResolvedConfig } from '../config.js';
import { defaultEndpoint } from '../transport/index.js';
import { packageFile } from '../version.js';
import { endpointFlags } from './replay-command.js';

/** What the guard is told: the run cleaned up after itself, or the guard must do it now. */
export interface Guard {
  closed(): void;
  interrupted(): void;
}

export const noGuard: Guard = { closed() {}, interrupted() {} };

/** Start the guard of a run whose ledger is `ledgerFile`; no guard where the launcher or an endpoint flag is missing. */
export function startGuard(config: ResolvedConfig, ledgerFile: string, isAws: boolean): Guard {
  const bin = packageFile('bin/copysnapshot-conformance.js');
  // the endpoint the run resolved, also when it came from AWS_ENDPOINT_URL(_ELASTICACHE) rather than a flag
  const target = endpointFlags({ ...config, endpoint: defaultEndpoint(config.endpoint) });
  if (!bin || !target.length) return noGuard;
  // requests in flight when the run died get time to land before the guard lists: on AWS, a request's timeout
  const graceMs = isAws ? config.timeoutMs : 1_000;
  const child = spawn(process.execPath, [bin, 'cleanup', ...target, '--ledger', ledgerFile, '--guard', '--grace-ms', String(graceMs)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.on('error', () => undefined);
  const pipe = child.stdin!;
  pipe.on('error', () => undefined);
  // neither the child nor the pipe keeps the run's process alive
  child.unref();
  (pipe as unknown as { unref(): void }).unref();
  let told = false;
  const tell = (word: 'closed' | 'now') => {
    if (told) return;
    told = true;
    pipe.end(`${word}\n`);
  };
  return { closed: () => tell('closed'), interrupted: () => tell('now') };
}
