// The outcome of a run, as the harness produces it and the reports read it.
import type { Grade, Outcome, Family } from '../specs/types.js';

export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'known-deviation';

/** What came back for one request, reduced to what a report shows. */
export interface ActualAnswer {
  /** HTTP status, or absent when there was no answer (timeout, reset) */
  status?: number;
  /** raw `<Code>` of an error envelope */
  code?: string;
  /** first 300 characters of `<Message>` */
  message?: string;
  /** transport-level problem: timeout, connection reset, malformed body … */
  problem?: string;
}

/** A minimal reproduction of a failure. */
export interface Counterexample {
  /** the request exactly as sent: method, path, form body (secrets never included) */
  method: string;
  path: string;
  body: string;
  /** the same request as SDK input, where the SDK could send it */
  sdkInput?: unknown;
  /** for stateful rules: the shrunk command sequence */
  commands?: string[];
  expected: readonly Outcome[];
  actual: ActualAnswer;
  /** which check failed and why, one line */
  reason: string;
  /** fast-check seed and path that replay exactly this case */
  seed: number;
  path_?: string;
  /** a one-line command that replays just this case */
  replay: string;
}

export interface RuleResult {
  id: string;
  family: Family;
  statement: string;
  grade: Grade;
  sources: readonly string[];
  expected: readonly Outcome[];
  verdict: Verdict;
  /** for skip / known-deviation / warn: why */
  reason?: string;
  requests: number;
  durationMs: number;
  /** for failures: time from the first failing case to the minimal counterexample */
  shrinkMs?: number;
  failure?: Counterexample;
}

export interface RunSummary {
  pass: number;
  fail: number;
  warn: number;
  skip: number;
  knownDeviation: number;
  /** listed as a known deviation but passed: the list can shrink */
  unexpectedPasses: string[];
}

export interface RunResult {
  toolVersion: string;
  runId: string;
  /** endpoint URL with credentials redacted, or `embedded` / `handlers:<module>` */
  target: string;
  seed: number;
  numRuns: number;
  strict: boolean;
  startedAt: string;
  durationMs: number;
  /** effective configuration, secrets redacted */
  config: Record<string, unknown>;
  rules: RuleResult[];
  summary: RunSummary;
  /** 0 pass, 1 violation, 2 usage, 3 endpoint unreachable, 130/143 interrupted */
  exitCode: number;
  /** requests sent in the whole run */
  requests: number;
  /** Throttling answers retried (never counted as verdicts) */
  throttled: number;
  /** set when the run was interrupted or the endpoint stopped answering */
  aborted?: string;
}
