// The preflight against the reference mock (in-process and over HTTP), a moto-shaped server, and every
// broken server: a diagnosis each time, never a throw, and never a request a conforming endpoint accepts.
import type { RuleId } from '../../specs/rules.js';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.js';
import { CreateBudget } from '../../harness/run/budget.js';
import { namePrefixFor, newRunId, type RunContext } from '../../harness/run/context.js';
import { countingTarget, emptyCounts } from '../../harness/run/counting.js';
import { Ledger } from '../../harness/run/ledger.js';
import { AnswerObserver } from '../../harness/run/observer.js';
import { preflightCases, runPreflight } from '../../harness/run/preflight.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openRun, runSuite } from '../../cli/entry.js';
import { createHttpTarget, EndpointHealth } from '../../harness/transport/index.js';
import { answerMatches } from '../../generators/oracle.js';
import { contract } from '../../specs/contract.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { createReferenceMock, startMockServer } from '../../mock/index.js';
import { brokenServers, crashesOnTags, lacksCopySnapshot, type BrokenServer, type BrokenServerSpec } from '../fixtures/broken-servers.js';

// 400 ms only for the servers whose point is that no answer comes (the diagnosis quotes it); every server that
// does answer gets a timeout no load can reach, so a slow machine cannot turn its answer into "no answer"
const shortTimeoutMs = 400;
const answerTimeoutMs = 30_000;
const answersNever = new Set(['neverAnswers', 'dripsOneByteASecond']);
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function start(spec: BrokenServerSpec): Promise<BrokenServer> {
  const server = await spec.start();
  closers.push(() => server.close());
  return server;
}

/** A run context over HTTP built as openRun builds one, without its probe (which refuses broken endpoints). */
async function httpContext(url: string, timeoutMs = answerTimeoutMs): Promise<RunContext> {
  const config = await resolveConfig({}, { endpoint: url, timeoutMs, seed: 1, maxCreates: 0 });
  const counts = emptyCounts();
  const phase: RunContext['phase'] = { current: 'setup' };
  const inner = createHttpTarget(url, { timeoutMs, maxBodyBytes: 64 * 1024 });
  closers.push(() => inner.close());
  const runId = newRunId();
  return {
    config,
    target: countingTarget(inner, counts, phase, timeoutMs),
    runId,
    namePrefix: namePrefixFor(runId),
    fixtures: {},
    source: {},
    canListTags: false,
    // no creates allowed: a preflight case that could create would throw here
    budget: new CreateBudget(0),
    ledger: new Ledger(runId),
    health: new EndpointHealth(),
    stats: { requests: 0, throttled: 0 },
    counts,
    phase,
    observer: new AnswerObserver(),
    control: {},
    signal: new AbortController().signal,
  };
}

describe('preflight cases', () => {
  const ctx = { namePrefix: 'csc-abcdefgh-', fixtures: referenceFixtures };
  const cases = preflightCases(ctx);

  it('are a dozen, each exercising a different rule of the contract', () => {
    expect(cases).toHaveLength(12);
    expect(new Set(cases.map((c) => c.rule)).size).toBe(12);
    for (const c of cases) expect(contract.rules.has(c.rule as RuleId), c.rule).toBe(true);
  });

  it('are all requests a conforming endpoint refuses: no expected outcome is a 200', () => {
    for (const fixtures of [referenceFixtures, {}]) {
      for (const c of preflightCases({ namePrefix: ctx.namePrefix, fixtures })) {
        expect(c.expect.length, c.rule).toBeGreaterThan(0);
        expect(c.expect.some((o) => o.status === 200), c.rule).toBe(false);
      }
    }
  });

  it('name no existing source and only targets under the run prefix', () => {
    const text = (c: (typeof cases)[number]) => JSON.stringify(c.input ?? '') + (c.wire ? `${c.wire.body}${c.wire.query ?? ''}` : '');
    for (const c of cases) {
      expect(text(c)).not.toContain(referenceFixtures.sourceSnapshot);
      const target = c.input?.TargetSnapshotName;
      if (target) expect(target.startsWith(ctx.namePrefix), c.rule).toBe(true);
    }
  });

  it('expect what the contract says, e.g. a missing source is SnapshotNotFoundFault', () => {
    const notFound = cases.find((c) => c.rule === 'names.source-not-found')!;
    expect(notFound.expect).toEqual(contract.rules.get('names.source-not-found')!.expect);
    expect(cases.find((c) => c.rule === 'envelope.unknown-action')!.expect).toEqual([{ status: 400, code: 'InvalidAction' }]);
  });
});

describe('runPreflight against the reference mock', () => {
  it('in-process (openRun): implemented, 12 of 12, and every answer is one the case expects', async () => {
    const config = await resolveConfig({}, { seed: 1, maxCreates: 0 });
    const session = await openRun(config, { handlers: createReferenceMock().handlers, runId: 'pfmock01', noPreflight: true });
    try {
      const sentBefore = session.ctx.counts.total;
      const result = await runPreflight(session.ctx);
      expect(result.diagnosis).toEqual({
        copySnapshot: 'implemented',
        line: `CopySnapshot at ${session.ctx.target.label} speaks the protocol (12 of 12 preflight answers)`,
        answers: 12,
        protocolAnswers: 12,
      });
      expect(result.describeOk).toBe(true);
      result.exchanges.forEach((ex, i) => {
        const c = result.cases[i]!;
        const code = ex.parsed?.kind === 'error' ? ex.parsed.code : undefined;
        expect(answerMatches({ status: ex.answer?.status, ...(code ? { code } : {}) }, c.expect), `${c.rule}: ${ex.answer?.status} ${code}`).toBe(true);
      });
      // 12 CopySnapshot + 1 DescribeSnapshots, counted under the preflight phase; nothing created
      expect(session.ctx.counts.total - sentBefore).toBe(13);
      expect(session.ctx.counts.byPhase.preflight).toBe(13);
      expect(session.ctx.budget.spent).toBe(0);
      expect(session.ctx.phase.current).toBe('setup');
    } finally {
      await session.close();
    }
  });

  it('over HTTP (the mock server): implemented, the GET and the unknown action included', async () => {
    const mock = await startMockServer();
    closers.push(() => mock.close());
    const ctx = await httpContext(mock.url);
    const result = await runPreflight(ctx);
    expect(result.diagnosis.copySnapshot).toBe('implemented');
    expect(result.diagnosis.line).toBe(`CopySnapshot at ${mock.url} speaks the protocol (12 of 12 preflight answers)`);
    expect(ctx.budget.spent).toBe(0);
  });
});

describe('runPreflight against an endpoint without CopySnapshot', () => {
  it('moto shape: not implemented, with the exact line', async () => {
    const server = await start(lacksCopySnapshot);
    const ctx = await httpContext(server.url);
    const result = await runPreflight(ctx);
    expect(ctx.target.label).toBe(server.url);
    expect(result.diagnosis).toEqual({
      copySnapshot: 'not-implemented',
      line: `CopySnapshot is not implemented at ${server.url}: 12 of 12 answers were HTTP 500 text/html page (DescribeSnapshots answers normally)`,
      answers: 12,
      protocolAnswers: 0,
    });
    expect(result.describeOk).toBe(true);
  });

  it('partial: the requests with tags crash, the others are refused with the protocol', async () => {
    const server = await start(crashesOnTags);
    const result = await runPreflight(await httpContext(server.url));
    expect(result.diagnosis).toEqual({
      copySnapshot: 'partial',
      line: `CopySnapshot at ${server.url} answered 8 of 12 preflight requests with the protocol; 4 were HTTP 500 text/html page`,
      answers: 12,
      protocolAnswers: 8,
    });
  });
});

describe('runPreflight against broken servers: a diagnosis, never a throw', () => {
  const expected: Record<keyof typeof brokenServers, { copySnapshot: string; line: RegExp }> = {
    neverAnswers: { copySnapshot: 'not-implemented', line: /could not be checked at .*: no preflight request got an answer \(3 no answer within 400 ms; DescribeSnapshots: no answer within 400 ms\); 9 not sent: the endpoint stopped answering/ },
    resetsConnection: { copySnapshot: 'not-implemented', line: /could not be checked .*\(3 connection reset; DescribeSnapshots: connection reset\); 9 not sent/ },
    dripsOneByteASecond: { copySnapshot: 'not-implemented', line: /could not be checked .*no answer within 400 ms.*; 9 not sent/ },
    answersNonXml: { copySnapshot: 'not-implemented', line: /is not implemented at .*: 12 of 12 answers were HTTP 200 plain text \(DescribeSnapshots fails too: HTTP 200 plain text\)$/ },
    answersJson: { copySnapshot: 'not-implemented', line: /: 12 of 12 answers were HTTP 400 JSON \(DescribeSnapshots fails too: HTTP 400 JSON\)$/ },
    // the body is the protocol, whatever its label says
    wrongContentType: { copySnapshot: 'implemented', line: /speaks the protocol \(12 of 12 preflight answers\)$/ },
    errorWith200: { copySnapshot: 'implemented', line: /speaks the protocol/ },
    tenMegabytes: { copySnapshot: 'not-implemented', line: /12 of 12 answers were HTTP 200 body cut at 65536 bytes \(DescribeSnapshots fails too: HTTP 200 body cut at 65536 bytes\)$/ },
    invalidUtf8: { copySnapshot: 'implemented', line: /speaks the protocol/ },
    closesMidBody: { copySnapshot: 'not-implemented', line: /could not be checked .*3 connection (reset|closed mid-body).*; 9 not sent/ },
    speaksGarbage: { copySnapshot: 'not-implemented', line: /could not be checked .*\(12 answer is not HTTP; DescribeSnapshots: answer is not HTTP\)$/ },
    hugeHeaders: { copySnapshot: 'not-implemented', line: /could not be checked .*\(12 answer headers too large; DescribeSnapshots: answer headers too large\)$/ },
    refusesConnections: { copySnapshot: 'not-implemented', line: /could not be checked .*\(3 connection refused; DescribeSnapshots: connection refused\); 9 not sent: the endpoint stopped answering \(refused: / },
  };

  for (const [name, spec] of Object.entries(brokenServers) as [keyof typeof brokenServers, BrokenServerSpec][]) {
    it(`${name} (${spec.description})`, async () => {
      const server = await start(spec);
      const ctx = await httpContext(server.url, answersNever.has(name) ? shortTimeoutMs : answerTimeoutMs);
      const result = await runPreflight(ctx);
      expect(result.diagnosis.copySnapshot).toBe(expected[name].copySnapshot);
      expect(result.diagnosis.line).toMatch(expected[name].line);
      expect(result.diagnosis.line).toContain(server.url);
      expect(result.diagnosis.line).not.toMatch(/DOCTYPE|undefined|\n/);
      // an endpoint that stopped answering has set the run's abort (exit 3), as any case would have
      if (result.diagnosis.line.includes('not sent')) expect(ctx.control.abort?.exitCode).toBe(3);
      else expect(ctx.control.abort).toBeUndefined();
    });
  }
});

describe('the run stops after a not-implemented preflight', () => {
  it('against a moto-shaped endpoint: the diagnosis is reported, no rule passes, only envelope.no-5xx fails, a few dozen requests', async () => {
    const server = await start(lacksCopySnapshot);
    {
      const config = await resolveConfig({}, { endpoint: server.url, timeoutMs: answerTimeoutMs, reports: mkdtempSync(path.join(tmpdir(), 'csc-pf-run-')) });
      const result = await runSuite(config);
      expect(result.diagnosis?.copySnapshot).toBe('not-implemented');
      expect(result.rules).toHaveLength(57);
      expect(result.rules.filter((r) => r.verdict === 'pass')).toEqual([]);
      expect(result.rules.filter((r) => r.verdict === 'fail').map((r) => r.id)).toEqual(['envelope.no-5xx']);
      expect(result.exitCode).toBe(1);
      expect(result.counts.total).toBeLessThanOrEqual(40);
      expect(result.counts.byPhase.rules).toBe(0);
      // the failure's reproduction is the exact request, signed as endpoints that route by SigV4 scope need
      const failure = result.rules.find((r) => r.id === 'envelope.no-5xx')!.failure!;
      expect(failure.curl).toMatch(new RegExp(`^curl -sS -i -X POST ${server.url}/ --aws-sigv4 aws:amz:us-east-1:elasticache --user conformance:conformance -H 'content-type: application/x-www-form-urlencoded' --data-binary 'Action=CopySnapshot&`));
      expect(failure.curl).toContain(failure.body);
      // every rule the cause explains is under one root cause
      expect(result.rootCauses).toHaveLength(1);
      expect(result.rootCauses[0]!.rules).toHaveLength(57);
    }
  });
});
