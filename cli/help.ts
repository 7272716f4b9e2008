// the flag and exit-code texts, shared by the general usage and each command's
const targetFlags = `Target flags (run, replay, plan, cleanup)
  --endpoint URL            any HTTP(S) endpoint (default: $AWS_ENDPOINT_URL_ELASTICACHE, $AWS_ENDPOINT_URL, else embedded)
  --region R                AWS region; alone it means real AWS (needs --allow-aws)
  --handlers MODULE         a module exporting msw handlers (default export or \`handlers\`), run in-process
  --allow-aws               allow an amazonaws.com / amazonaws.com.cn / api.aws endpoint
  --timeout-ms N            per-request timeout (default 10000)
  --source-snapshot NAME    an available snapshot to copy (discovered on non-AWS endpoints when absent)
  --pending-snapshot NAME   a snapshot that is not available (state rule)
  --export-bucket NAME      a usable S3 bucket (export rules)
  --bucket-fixture C=NAME   a bucket that is C: outside-region, not-owned, caller-denied, object-exists,
                            no-read, no-write, no-read-acp (repeatable)
  --existing-export-target NAME  a target whose <NAME>-0001.rdb exists in the object-exists bucket
  --snapshot-quota N        the endpoint's snapshot quota (quota rule)
  --cluster ID              create the source with CreateSnapshot from this cluster
  --config FILE             a conformance.config.{ts,mjs,js} or a JSON file (default: the one in the current folder)`;

const runFlags = `Run flags
  --num-runs N              property cases per rule (default 25)
  --seed S                  fast-check seed (default: random, printed)
  --rules LIST              rule IDs, families or family.* globs, comma-separated
  --skip-rules LIST         the same, to leave out
  --strict                  inferred rules fail instead of warn
  --expect-failures FILE    JSON {"rule.id": "reason"}: known deviations that do not fail the run
  --concurrency N           rules in flight at once (default 4)
  --reports DIR             where reports go (default conformance-reports/)
  --har FILE                write every exchange of the run (cleanup included) as HAR 1.2, redacted
  --max-creates N           snapshots the run may create (default 3 against AWS)
  --shard I/N               run every N-th rule starting at I; the plan (and its --max-creates allocation)
                            is the whole run's, so all shards together create at most --max-creates
  --no-guard                start no guard: by default a run against an endpoint starts a detached
                            \`cleanup --guard\` that cleans up if the run dies without doing so (SIGKILL)
  --in-process              accepted for compatibility: every run is in-process (one engine owns budget,
                            ledger, cleanup and signals)
  --evidence FILE           hold the contract to a cassette recorded from AWS: each rule confirmed or
                            contradicted by the recording (a finding about the contract, apart from verdicts)
  --quiet                   print only the summary
  --json                    print report.json to stdout`;

const parityFlags = `Parity flags (record, diff)
  --seed S                  the sequence's seed (default: random, printed; a cassette's own for diff --cassette)
  --cases-per-rule N        seeded cases per rule (default 2; 1–1000), plus boundary cases
  --rules LIST / --skip-rules LIST   as for run
  --max-creates N           snapshots the sequence may create (default 3 against AWS)
  --reports DIR             where the ledger (and diff's reports) go (default conformance-reports/)
  --quiet                   print only the summary`;

const exitCodes = `Exit codes: 0 no documented/observed rule failed (warnings allowed); 1 a violation; 2 bad usage or config;
3 endpoint unreachable or not speaking the protocol; 129/130/143 interrupted (SIGHUP or parent exited / SIGINT / SIGTERM),
after cleanup and partial reports.`;

export const usage = `copysnapshot-conformance — contract-conformance suite for ElastiCache CopySnapshot (2015-02-02)

Usage: copysnapshot-conformance <command> [flags]

Commands
  run        run the suite (default target: the embedded reference mock, in-process)
  replay     replay one case: --rule ID --seed S --path P (plus the run's target flags)
  selftest   run the suite against the shipped planted-bug mocks and print the score
  generate   write a request corpus, one JSON object per line (see generate --help)
  mock       serve the reference mock over HTTP (see mock --help)
  compare    compare two report.json files: compare BASE.json NEW.json [--fail-on regression]
  merge-reports  one run's reports from its shards': merge-reports --out DIR SHARD/report.json…
  plan       print what a run would send and create, without sending anything
  cleanup    delete what a run created: cleanup --endpoint URL --ledger FILE
  rules      list the rules with their IDs, grades and sources (--evidence FILE: and what a recording says)
  record     record the parity sequence against an endpoint as a cassette: record --out FILE [target flags]
  diff       compare two endpoints, or a cassette and an endpoint: diff --cassette FILE --endpoint URL

COMMAND --help (or: help COMMAND) prints that command's usage.

${targetFlags}

${runFlags}

${exitCodes}
`;




/** `<command> --help` of the commands that have no help of their own (mock, compare and generate do). */
export const commandUsage: ReadonlyMap<string, string> = new Map([
  ['run', usage],
  [
    'plan',
    `Usage: copysnapshot-conformance plan [target flags] [run flags] [--json]

Print what a run with these flags would send and create, rule by rule; sends nothing.

${targetFlags}
${runFlags}`,
  ],
  [
    'replay',
    `Usage: copysnapshot-conformance replay --rule ID --seed S --path P [target flags]

Replay one case of one rule, as the replay line of a failure prints it (--path is fast-check's, e.g. 3:0:1).

${targetFlags}
${exitCodes}`,
  ],
  [
    'cleanup',
    `Usage: copysnapshot-conformance cleanup --endpoint URL --ledger FILE [--wait-ms MS] [--guard [--grace-ms MS]] [target flags]

Delete the snapshots a run created and nothing else: every snapshot the endpoint lists under the prefix of a run
in ledger.jsonl (csc-<run-id>-, any case), deleted under the spelling the endpoint stored, plus the names the ledger
says were created; each is confirmed gone before its line is marked deleted. Safe to run twice.
--wait-ms: how long to wait for a creating snapshot to become deletable (default 600000).
--guard: first wait on standard input, a pipe from the process running the suite (every run against an endpoint
  starts one): exit at once on the line \`closed\`; clean up on \`now\` or when the pipe closes without
  \`closed\` (that process died, however), after --grace-ms (default 1000) for its requests in flight to land.
Exit codes: 0 all deleted or already gone; 1 some left; 2 bad usage; 3 endpoint unreachable.

${targetFlags}`,
  ],
  [
    'rules',
    `Usage: copysnapshot-conformance rules [--json] [--evidence FILE]

List the contract's rules: ID, grade, expected answer, statement and source (--json: the rule objects).
--evidence FILE: add what a cassette recorded from AWS says of each rule (confirmed, contradicted, no evidence).
`,
  ],
  [
    'record',
    `Usage: copysnapshot-conformance record --out FILE [target flags] [parity flags]

Send a seeded parity sequence (every rule's generated cases, the post-state reads, the stateful sequences) to the
endpoint and write what it answered as a cassette (JSON Lines, reports/cassette.schema.json): a header, then one
line per step with the request, the answer and its normalized form. Against AWS it needs --allow-aws and keeps to
--max-creates, ledgers every create and cleans up, as run does. Commit the cassette; diff --cassette replays it.
Exit codes: 0 written; 1 stopped early or cleanup left something; 2 bad usage; 3 endpoint unreachable;
129/130/143 interrupted (after cleanup; no cassette is written).

${targetFlags}

${parityFlags}`,
  ],
  [
    'diff',
    `Usage: copysnapshot-conformance diff [--cassette FILE | --endpoint A] [--endpoint B] [target flags] [parity flags]
       [--allow-diff FILE] [--case PATH] [--json]

Compare how two sides answer one parity sequence, after normalization (request IDs, times, account, region, the
run's own names and fixture names): status, error code, message, envelope, Snapshot members and their types, and
the post-state reads. Side A is the cassette, else the first --endpoint, else the embedded reference mock; side B
is the last --endpoint, else the embedded reference mock. A's steps are replayed to B in order (names mapped to B's
run and to B's fixture flags). Differences are printed grouped by rule family, each with its first differing step
side by side and a replay line, and written to report.json, junit.xml, summary.md and report.html in --reports.
--allow-diff FILE: JSON {"rule.id" | "rule.id/N" | "family": "reason"} of accepted differences.
--case PATH: only that case (rule.id/N), as a replay line prints it.
Exit codes: 0 no difference outside the allow-list; 1 a difference; 2 bad usage; 3 endpoint unreachable.

${targetFlags}

${parityFlags}`,
  ],
  [
    'selftest',
    `Usage: copysnapshot-conformance selftest [--num-runs N] [--seed S] [--mutant ID,ID…] [--json]

Run the suite against the pristine reference mock (no false alarm allowed) and each shipped planted-bug mock
(each must fail a rule it is known to break). Exit codes: 0 all caught and no false alarm; 1 otherwise; 2 bad usage.
`,
  ],
]);
