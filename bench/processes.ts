// Child processes for the benchmark: the standalone mock, and timed start-to-exit runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface MockChild {
  url: string;
  stop(): Promise<void>;
}

/** Start `node <bin> mock --port 0` and read its URL from the first stdout line. */
export function startMockChild(bin: string, timeoutMs = 15_000): Promise<MockChild> {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()).length > 4000 && (stderr = stderr.slice(-4000)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(`mock did not print its URL within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`));
    };
    child.once('exit', (code) => fail(`mock exited early (code ${code})`));
    child.once('error', (e) => fail(`mock did not start: ${e.message}`));
    lines.once('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (!url) return fail(`unexpected first mock line: ${line.slice(0, 120)}`);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.resume(); // keep draining the rest of its output
      resolve({ url, stop: () => stopChild(child) });
    });
  });
}

/** SIGTERM, then SIGKILL after a grace period. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface ProcessRun {
  seconds: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Wall time of `node ...args` from spawn to exit. */
export function timeProcess(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ProcessRun> {
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ seconds: (performance.now() - start) / 1000, code, stdout, stderr });
    });
  });
}
