// Raw-wire requests the SDK cannot send, one arbitrary per wire.* rule (and an unknown Action).
// Their expectation is the rule's set from specs/rules.ts: the oracle judges SDK inputs only.
import fc from 'fast-check';
import { service } from '../specs/members.js';
import { ruleById, type RuleIdOfFamily } from '../specs/rules.js';
import type { Fixtures, Outcome } from '../specs/types.js';
import { encodeCopySnapshotBody, encodeFormComponent, formBody, type FormPair } from '../protocol/form-encode.js';
import type { Case, WireCase } from './types.js';
import { alphabets, charsFrom, word } from './values/index.js';

/** The rules whose cases are raw requests: every wire.* rule, and an unknown Action (the SDK sends only known ones). */
export type WireRuleId = RuleIdOfFamily<'wire'> | 'envelope.unknown-action';

export function isWireRuleId(id: string): id is WireRuleId {
  return id.startsWith('wire.') || id === 'envelope.unknown-action';
}

/** A raw request as the harness sends it, flat: what `wireRequest` yields. */
export interface WireRequest {
  rule: Case['rule'];
  method: 'POST' | 'GET';
  path: string;
  query?: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
  expect: readonly Outcome[];
}

interface WireContext {
  fixtures: Fixtures;
  prefix: string;
}

const formHeaders = { 'content-type': service.contentType };
const post = (body: string | Uint8Array): WireCase => ({ method: 'POST', path: '/', headers: { ...formHeaders }, body });
const head: FormPair[] = [['Action', service.action], ['Version', service.version]];

function wireCase(rule: WireRuleId, wire: WireCase): Case {
  return { rule, wire, expect: ruleById(rule).expect };
}

/** Actions the reference endpoint knows; an unknown Action is anything else. */
const knownActions = new Set(['CopySnapshot', 'CreateSnapshot', 'DeleteSnapshot', 'DescribeSnapshots', 'ListTagsForResource']);

/** The raw-wire cases, rule ID → arbitrary (every WireRuleId: a missing one is a compile error). The source fixture is sent where a body needs one. */
export function wireCases(ctx: WireContext): Record<WireRuleId, fc.Arbitrary<Case>> {
  const source = ctx.fixtures.sourceSnapshot ?? 'source';
  const target = word(alphabets.lower, alphabets.lower + alphabets.digits, 2, 10).map((s) => `${ctx.prefix}w${s}`);
  const members = (t: string): FormPair[] => [['SourceSnapshotName', source], ['TargetSnapshotName', t]];
  const copyBody = (t: string, ...extra: FormPair[]) => formBody([...head, ...members(t), ...extra]);
  return {
    'wire.duplicate-form-keys': fc
      .tuple(target, fc.constantFrom('SourceSnapshotName', 'TargetSnapshotName', 'Action', 'Version'))
      .map(([t, key]) => {
        const again = key === 'Version' ? service.version : key === 'Action' ? service.action : key === 'SourceSnapshotName' ? source : `${t}x`;
        return wireCase('wire.duplicate-form-keys', post(copyBody(t, [key, again])));
      }),
    'wire.bad-percent-encoding': fc
      .tuple(target, fc.constantFrom('%', '%G1', '%4', '%%41', '%zz'))
      .map(([t, bad]) => wireCase('wire.bad-percent-encoding', post(`${copyBody(t)}&KmsKeyId=${bad}`))),
    'wire.invalid-utf8': fc
      .tuple(target, fc.constantFrom('%C3%28', '%FF', '%ED%A0%80', '%E2%82', '%C0%AF'))
      .map(([t, bad]) => wireCase('wire.invalid-utf8', post(`${formBody([...head, ['SourceSnapshotName', source]])}&TargetSnapshotName=${encodeFormComponent(t)}${bad}`))),
    'wire.missing-action': target.map((t) => wireCase('wire.missing-action', post(formBody([['Version', service.version], ...members(t)])))),
    'wire.missing-version': target.map((t) => wireCase('wire.missing-version', post(formBody([['Action', service.action], ...members(t)])))),
    'wire.other-version': fc
      .tuple(target, fc.constantFrom('2014-09-30', '2012-11-15', '2099-01-01', 'latest', ''))
      .map(([t, v]) => wireCase('wire.other-version', post(formBody([['Action', service.action], ['Version', v], ...members(t)])))),
    'wire.get-query-string': target.map((t) =>
      wireCase('wire.get-query-string', { method: 'GET', path: '/', query: encodeCopySnapshotBody({ SourceSnapshotName: source, TargetSnapshotName: t }), body: '' }),
    ),
    'wire.tags-member-alias': fc
      .tuple(target, charsFrom(alphabets.lower, 1, 8))
      .map(([t, k]) => wireCase('wire.tags-member-alias', post(copyBody(t, ['Tags.member.1.Key', k], ['Tags.member.1.Value', 'v'])))),
    'wire.tag-index-gaps': fc
      .tuple(target, fc.integer({ min: 2, max: 9 }))
      .map(([t, n]) => wireCase('wire.tag-index-gaps', post(copyBody(t, ['Tags.Tag.1.Key', 'a'], ['Tags.Tag.1.Value', '1'], [`Tags.Tag.${n + 1}.Key`, 'b'], [`Tags.Tag.${n + 1}.Value`, '2'])))),
    'wire.large-body': fc
      .tuple(target, fc.integer({ min: 1024 * 1024 + 1, max: 1024 * 1024 + 4096 }))
      .map(([t, size]) => wireCase('wire.large-body', post(`${copyBody(t)}&KmsKeyId=${'k'.repeat(size)}`))),
    'envelope.unknown-action': word(alphabets.upper, alphabets.lower + alphabets.upper, 2, 20)
      .filter((action) => !knownActions.has(action))
      .map((action) => wireCase('envelope.unknown-action', post(formBody([['Action', action], ['Version', service.version]])))),
  };
}

/** A wire case as a flat raw request. */
export function flatWireRequest(c: Case): WireRequest {
  const w = c.wire;
  if (!w) throw new Error(`${c.rule}: not a raw-wire case`);
  const out: WireRequest = { rule: c.rule, method: w.method === 'GET' ? 'GET' : 'POST', path: w.path, body: w.body, headers: { ...(w.headers ?? {}) }, expect: c.expect };
  if (w.query !== undefined) out.query = w.query;
  return out;
}
