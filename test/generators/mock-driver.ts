// Driving a reference mock (or a planted-bug variant) in-process through msw's getResponse:
// raw requests, CopySnapshot inputs, and the stateful model's EndpointDriver.
import { getResponse } from 'msw';
import { encodeCopySnapshotBody, formBody } from '../../protocol/form-encode.js';
import { answerMatches } from '../../generators/oracle.js';
import type { DriverAnswer, EndpointDriver } from '../../generators/stateful.js';
import { readAnswer, type ParsedAnswer } from '../../protocol/index.js';
import type { ReferenceMock } from '../../mock/index.js';
import type { CopySnapshotInput, Outcome } from '../../specs/types.js';

const base = 'https://elasticache.generators.test';

export interface RawRequest {
  method?: string;
  path?: string;
  query?: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface MockAnswer {
  parsed: ParsedAnswer;
  body: string;
}

export async function sendRaw(mock: ReferenceMock, req: RawRequest): Promise<MockAnswer> {
  const method = req.method ?? 'POST';
  const url = `${base}${req.path ?? '/'}${req.query !== undefined ? `?${req.query}` : ''}`;
  const init: RequestInit = { method, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(req.headers ?? {}) } };
  if (method !== 'GET') init.body = req.body as BodyInit;
  const res = await getResponse(mock.handlers, new Request(url, init));
  if (!res) throw new Error('the mock did not answer');
  const body = await res.text();
  return { parsed: readAnswer(res.status, Object.fromEntries(res.headers), body), body };
}

export const sendInput = (mock: ReferenceMock, input: CopySnapshotInput) => sendRaw(mock, { body: encodeCopySnapshotBody(input) });

export function driverAnswer(a: MockAnswer): DriverAnswer {
  const p = a.parsed;
  if (p.kind === 'malformed') return { status: p.status, problem: p.reason };
  if (p.kind === 'error') return p.code === undefined ? { status: p.status } : { status: p.status, code: p.code };
  const out: DriverAnswer = { status: p.status };
  if (p.snapshot?.SnapshotName !== undefined) out.snapshotName = p.snapshot.SnapshotName;
  if (p.snapshot?.SnapshotStatus !== undefined) out.snapshotStatus = p.snapshot.SnapshotStatus;
  return out;
}

/** Whether the mock's answer is one of `outcomes` (success must also be a well-formed success). */
export function agrees(a: MockAnswer, outcomes: readonly Outcome[]): boolean {
  return a.parsed.kind !== 'malformed' && answerMatches(driverAnswer(a), outcomes);
}

const action = (name: string, pairs: [string, string][]) => formBody([['Action', name], ['Version', '2015-02-02'], ...pairs]);

/** A hand-driven clock for a mock (`now` option): waiting moves it on, so nothing sleeps. */
export interface MockClock {
  now: number;
}

export function clockedMockOptions(settleMs: number): { clock: MockClock; options: { settleMs: number; now: () => number } } {
  const clock: MockClock = { now: 0 };
  return { clock, options: { settleMs, now: () => clock.now } };
}

/** The stateful model's driver over an in-process mock; with `clock`, waiting advances it instead of sleeping. */
export function mockDriver(mock: ReferenceMock, clock?: MockClock): EndpointDriver {
  return {
    copy: async (input) => driverAnswer(await sendInput(mock, input)),
    async describe(name) {
      const a = await sendRaw(mock, { body: action('DescribeSnapshots', [['SnapshotName', name]]) });
      if (a.parsed.kind === 'malformed') return { exists: false, problem: a.parsed.reason };
      if (a.parsed.kind === 'error') return a.parsed.code === 'SnapshotNotFoundFault' ? { exists: false } : { exists: false, problem: `${a.parsed.status} ${a.parsed.code}` };
      const status = /<SnapshotStatus>([^<]*)<\/SnapshotStatus>/.exec(a.body)?.[1];
      return status === undefined ? { exists: true } : { exists: true, status };
    },
    remove: async (name) => driverAnswer(await sendRaw(mock, { body: action('DeleteSnapshot', [['SnapshotName', name]]) })),
    async waitAvailable(name) {
      for (let i = 0; i < 50; i++) {
        const seen = await this.describe(name);
        if (seen.status === 'available') return true;
        if (clock) clock.now += 1_000;
        else await new Promise((r) => setTimeout(r, 2));
      }
      return false;
    },
  };
}
