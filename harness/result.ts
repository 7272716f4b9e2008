// The outcome of a run, as the harness produces it and the reports read it.
import type { RuleId } from '../specs/rules.js';
import type { Grade, Outcome, Family } from '../specs/types.js';
import type { EvidenceReport, ParityDiff, RuleEvidence } from './parity-types.js';

/**
 * `inconclusive`: the rule ran but judged no answer (e.g. every answer was an HTML 500 page), so it can be
 * neither pass nor fail; its `reason` says what was seen instead.
 */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'known-deviation' | 'inconclusive';

/** Who sent a request: the preflight diagnosis, run setup (fixtures, source), the rules, or cleanup. */
export type Phase = 'preflight' | 'setup' | 'rules' | 'cleanup';

/** Every request the run sent, by action (CopySnapshot, DescribeSnapshots, …, `other`) and by phase. */
export interface RequestCounts {
  total: number;
  byAction: Record<string, number>;
  byPhase: Record<Phase, number>;
}

/** The preflight's classification of the endpoint's CopySnapshot support. */
export interface Diagnosis {
  /** implemented: answers are the protocol; not-implemented: none of them is; partial: some are */
  copySnapshot: 'implemented' | 'not-implemented' | 'partial';
  /** one line, printed first, e.g. "CopySnapshot is not implemented at URL: 12 of 12 answers were HTTP 500 text/html page (DescribeSnapshots answers normally)" */
  line: string;
  /** answers the preflight judged, and how many of them were protocol answers */
  answers: number;
  protocolAnswers: number;
}

/** Failures (or inconclusive rules) that share one root cause, e.g. "HTTP 500 text/html page". */
export interface RootCauseGroup {
  cause: string;
  rules: string[];
}

/** How the create budget was planned (harness/run/plan.ts) and spent. */
export interface BudgetReport {
  /** undefined: unbounded */
  max?: number;
  used: number;
  /** creates allotted per rule, in allocation order (documented, observed, inferred) */
  allocation: Partial<Record<RuleId, number>>;
}

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
  /** a `curl` line that sends exactly this request to the endpoint (absent in-process, or for a cut body) */
  curl?: string;
}

export interface RuleResult {
  /** a rule ID; a string, since reports are also read from files of other versions (compare, merge-reports) */
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
  /** answers this rule actually judged (a rule with none is `inconclusive`, never `pass`) */
  judged: number;
  /** for fail/warn/inconclusive: the cause it shares with other rules, when the answer was not the protocol */
  rootCause?: string;
  durationMs: number;
  /** for failures: time from the first failing case to the minimal counterexample */
  shrinkMs?: number;
  failure?: Counterexample;
  /** `run --evidence`: what the recording says of this rule's expectation */
  evidence?: RuleEvidence;
}

/** A run's counts by verdict; `unexpectedPasses` are rules listed as known deviations that passed. */
export function summarize(rules: readonly RuleResult[], unexpectedPasses: readonly string[]): RunSummary {
  const count = (v: Verdict) => rules.filter((r) => r.verdict === v).length;
  return {
    pass: count('pass'),
    fail: count('fail'),
    warn: count('warn'),
    skip: count('skip'),
    knownDeviation: count('known-deviation'),
    inconclusive: count('inconclusive'),
    unexpectedPasses: [...unexpectedPasses],
  };
}

export interface RunSummary {
  pass: number;
  fail: number;
  warn: number;
  skip: number;
  knownDeviation: number;
  inconclusive: number;
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
  /** requests sent in the whole run (= counts.total) */
  requests: number;
  /** the same, by action and by phase: what a logging proxy sees */
  counts: RequestCounts;
  /** the preflight's verdict on CopySnapshot support (absent when it did not run) */
  diagnosis?: Diagnosis;
  /** failures grouped by shared root cause (only causes shared by two or more rules) */
  rootCauses: RootCauseGroup[];
  budget: BudgetReport;
  /** Throttling answers retried (never counted as verdicts) */
  throttled: number;
  /** set when the run was interrupted or the endpoint stopped answering */
  aborted?: string;
  /** `diff`: every step whose normalized answers differ between the two sides, grouped by family */
  parity?: ParityDiff;
  /** `run --evidence`: the contract checked against a recording (a finding about the contract, not the endpoint) */
  evidence?: EvidenceReport;
}
