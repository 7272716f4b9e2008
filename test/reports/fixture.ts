// Realistic RunResults for the report tests: every rule of the contract plus a few hostile ones,
// with a mix of verdicts, counterexamples, markup, astral and XML-invalid characters, and planted secrets.
import type { Counterexample, RuleResult, RunResult, Verdict } from '../../harness/result.js';
import { ruleList } from '../../specs/rules.js';

/** Fake secrets, shaped like real ones; none may appear in any written report. */
export const secrets = {
  accessKeyId: 'AKIAFAKEKEYID0000000',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKESECRET01',
  sessionToken: 'FwoGZXIvYXdzEFAKESESSIONTOKEN0123456789abcdefghijklmnopqrstuvwxyzFAKE',
  authSignature: 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
  urlSignature: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
  /** only recognisable because AWS_SECRET_ACCESS_KEY holds it while the reports are written */
  bareEnvSecret: 'Zm9vYmFyQmFyZVNlY3JldFZhbHVlRnJvbUVudmlyb25tZW50',
};

export const authorizationHeader = `Authorization: AWS4-HMAC-SHA256 Credential=${secrets.accessKeyId}/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${secrets.authSignature}`;
export const presignedUrl = `https://bucket.s3.amazonaws.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${secrets.urlSignature}&X-Amz-Security-Token=${secrets.sessionToken}`;

/** Text that breaks naive XML, HTML and Markdown writers. */
export const hostile = {
  script: '<script>window.__pwned = 1</script>',
  img: '<img src=x onerror="window.__pwned = 2">',
  xml: 'a & b < c > d "quoted" \'single\' ]]> <![CDATA[x]]>',
  astral: 'unicorn 🦄, math 𝒳𝔸, emoji 👩‍💻',
  invalidXml: 'nul\u0000 bell\u0007 vt\u000b lone\ud800surrogate ffff\uffff end',
  markdown: 'pipe | in cell, ``` fence, `tick`, *star* _under_ [link](http://example.invalid) # hash',
};

const replay = (id: string, seed: number, path: string) => `npx copysnapshot-conformance replay --endpoint http://127.0.0.1:4566 --rule ${id} --seed ${seed} --path ${path}`;

function counterexample(id: string, expected: RuleResult['expected'], i: number, extra: Partial<Counterexample> = {}): Counterexample {
  return {
    method: 'POST',
    path: '/',
    body: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=conformance-source&TargetSnapshotName=copy-${i}`,
    sdkInput: { SourceSnapshotName: 'conformance-source', TargetSnapshotName: `copy-${i}` },
    expected,
    actual: { status: 200 },
    reason: `status 200, expected ${expected.map((o) => o.status).join(' or ') || 'the invariant'}`,
    seed: 42 + i,
    path_: `${i}:0`,
    replay: replay(id, 42 + i, `${i}:0`),
    ...extra,
  };
}

/** The verdict plan for the contract's rules: a few of each, the rest pass. */
function plannedVerdict(i: number): Verdict {
  if (i % 11 === 1) return 'fail';
  if (i % 13 === 2) return 'warn';
  if (i % 17 === 3) return 'known-deviation';
  if (i % 7 === 4) return 'skip';
  return 'pass';
}

function contractRules(): RuleResult[] {
  return ruleList.map((rule, i) => {
    const verdict = plannedVerdict(i);
    const r: RuleResult = {
      id: rule.id,
      family: rule.family,
      statement: rule.statement,
      grade: verdict === 'warn' ? 'inferred' : rule.grade,
      sources: rule.sources,
      expected: rule.expect,
      verdict,
      requests: verdict === 'skip' ? 0 : 25,
      judged: verdict === 'skip' ? 0 : 25,
      durationMs: verdict === 'skip' ? 0 : 40 + i * 7,
    };
    if (verdict === 'fail' || verdict === 'warn') r.failure = counterexample(rule.id, rule.expect, i);
    if (verdict === 'warn') r.reason = 'inferred rule failed';
    if (verdict === 'known-deviation') {
      r.reason = 'listed in expected-failures.json: the fake accepts blank names';
      r.failure = counterexample(rule.id, rule.expect, i);
    }
    if (verdict === 'skip') r.reason = "needs the endpoint's snapshot quota: pass --snapshot-quota N";
    if (verdict === 'fail') r.shrinkMs = 120 + i;
    return r;
  });
}

/** Rules whose every text field is hostile, one per failure shape. */
function hostileRules(): RuleResult[] {
  const base = { grade: 'documented' as const, sources: ['seed: Errors', `contract.md ${hostile.astral}`], requests: 7, judged: 7, durationMs: 1234 };
  const expected = [{ status: 400, code: 'InvalidParameterValue' }] as const;
  return [
    {
      ...base,
      id: 'names.hostile-markup',
      family: 'names',
      statement: `A message with ${hostile.script} and ${hostile.img} is shown, never run.`,
      expected,
      verdict: 'fail',
      failure: counterexample('names.hostile-markup', expected, 90, {
        actual: { status: 400, code: 'Invalid<Code>&', message: `${hostile.script} ${hostile.xml}` },
        reason: `Code Invalid<Code>&, expected InvalidParameterValue; ${hostile.img}`,
        body: `Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=%3Cscript%3E&TargetSnapshotName=${encodeURIComponent(hostile.astral)}`,
      }),
    },
    {
      ...base,
      id: 'tags.hostile-characters',
      family: 'tags',
      statement: `Characters: ${hostile.astral}; ${hostile.invalidXml}; ${hostile.markdown}`,
      expected,
      verdict: 'fail',
      failure: counterexample('tags.hostile-characters', expected, 91, {
        actual: { problem: `malformed body: ${hostile.invalidXml}` },
        reason: `no answer: ${hostile.markdown}`,
        replay: `${replay('tags.hostile-characters', 133, '91:0')} --note '${hostile.markdown}'`,
      }),
    },
    {
      ...base,
      id: 'uniqueness.stateful-leak',
      family: 'uniqueness',
      statement: 'A stateful rule whose failure carries secrets the harness missed.',
      expected: [],
      verdict: 'fail',
      failure: counterexample('uniqueness.stateful-leak', [], 92, {
        commands: ['copy(conformance-source → a)', 'copy(conformance-source → a) expecting 400 SnapshotAlreadyExistsFault'],
        actual: { status: 500, code: 'InternalFailure', message: `${authorizationHeader} AWS_SECRET_ACCESS_KEY=${secrets.secretAccessKey}` },
        reason: `leaked ${presignedUrl} and aws_session_token=${secrets.sessionToken}`,
        body: `Action=CopySnapshot&Tags.Tag.1.Value=${secrets.bareEnvSecret}`,
        sdkInput: { SourceSnapshotName: 'conformance-source', headers: { Authorization: authorizationHeader }, secretAccessKey: secrets.secretAccessKey },
      }),
    },
    {
      ...base,
      id: 'envelope.hostile-skip',
      family: 'envelope',
      statement: 'A skip whose reason has markup.',
      expected,
      verdict: 'skip',
      requests: 0,
      reason: `needs ${hostile.xml} ${hostile.script}`,
    },
  ];
}

export interface FixtureOptions {
  /** rules to force to a verdict (for compare tests) */
  verdicts?: Record<string, Verdict>;
  /** leave out the hostile rules */
  plain?: boolean;
}

export function makeRunResult(opts: FixtureOptions = {}): RunResult {
  let rules = [...contractRules(), ...(opts.plain ? [] : hostileRules())];
  if (opts.verdicts) {
    rules = rules.map((r) => {
      const v = opts.verdicts![r.id];
      if (v === undefined || v === r.verdict) return r;
      const copy: RuleResult = { ...r, verdict: v };
      if (v === 'fail' && !copy.failure) copy.failure = counterexample(r.id, r.expected, 77);
      if (v === 'pass') {
        delete copy.failure;
        delete copy.reason;
      }
      return copy;
    });
  }
  const count = (v: Verdict) => rules.filter((r) => r.verdict === v).length;
  return {
    toolVersion: '0.1.0',
    runId: 'r-test-01',
    target: `http://127.0.0.1:4566/?X-Amz-Signature=${secrets.urlSignature}`,
    seed: 42,
    numRuns: 25,
    strict: false,
    startedAt: '2026-01-01T12:00:00.000Z',
    durationMs: rules.reduce((t, r) => t + r.durationMs, 0),
    config: {
      endpoint: 'http://127.0.0.1:4566',
      numRuns: 25,
      credentials: { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey, sessionToken: secrets.sessionToken },
      env: { AWS_SECRET_ACCESS_KEY: secrets.secretAccessKey, AWS_SESSION_TOKEN: secrets.sessionToken },
      note: `AWS_SESSION_TOKEN=${secrets.sessionToken}; header ${authorizationHeader}`,
      presigned: presignedUrl,
    },
    rules,
    summary: { pass: count('pass'), fail: count('fail'), warn: count('warn'), skip: count('skip'), knownDeviation: count('known-deviation'), inconclusive: count('inconclusive'), unexpectedPasses: [] },
    exitCode: count('fail') ? 1 : 0,
    requests: rules.reduce((t, r) => t + r.requests, 0),
    throttled: 0,
    counts: { total: rules.reduce((t, r) => t + r.requests, 0), byAction: { CopySnapshot: rules.reduce((t, r) => t + r.requests, 0) }, byPhase: { preflight: 0, setup: 0, rules: rules.reduce((t, r) => t + r.requests, 0), cleanup: 0 } },
    rootCauses: [],
    budget: { used: 0, allocation: {} },
  };
}

export const countOf = (run: RunResult, v: Verdict) => run.rules.filter((r) => r.verdict === v).length;
