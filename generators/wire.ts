// Raw-wire requests the SDK cannot send, one arbitrary per wire.* rule.
import fc from 'fast-check';
import { contract } from '../specs/contract.js';
import { encodeCopySnapshotBody, encodeFormComponent, formBody, type FormPair } from './form.js';
import type { Case, WireCase } from './types.js';
import { alphabets, charsFrom, word } from './values.js';

interface WireContext {
  fixtures: { sourceSnapshot?: string };
  prefix: string;
}

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (body: string | Uint8Array): WireCase => ({ method: 'POST', path: '/', headers: formHeaders, body });

function wireCase(rule: string, wire: WireCase): Case {
  return { rule, wire, expect: contract.rules.get(rule)!.expect };
}

export function wireCases(ctx: WireContext): Record<string, fc.Arbitrary<Case>> {
  const source = ctx.fixtures.sourceSnapshot ?? 'source';
  const target = word(alphabets.lower, alphabets.lower + alphabets.digits, 2, 10).map((s) => `${ctx.prefix}w${s}`);
  const head: FormPair[] = [['Action', 'CopySnapshot'], ['Version', '2015-02-02']];
  const members = (t: string): FormPair[] => [['SourceSnapshotName', source], ['TargetSnapshotName', t]];
  return {
    'wire.duplicate-form-keys': fc
      .tuple(target, fc.constantFrom('SourceSnapshotName', 'TargetSnapshotName', 'Action', 'Version'))
      .map(([t, key]) => wireCase('wire.duplicate-form-keys', post(formBody([...head, ...members(t), [key, key === 'Version' ? '2015-02-02' : key === 'Action' ? 'CopySnapshot' : `${t}x`]])))),
    'wire.bad-percent-encoding': fc
      .tuple(target, fc.constantFrom('%', '%G1', '%4', '%%41', '%zz'))
      .map(([t, bad]) => wireCase('wire.bad-percent-encoding', post(`${formBody([...head, ...members(t)])}&KmsKeyId=${bad}`))),
    'wire.invalid-utf8': fc
      .tuple(target, fc.constantFrom('%C3%28', '%FF', '%ED%A0%80', '%E2%82', '%C0%AF'))
      .map(([t, bad]) => wireCase('wire.invalid-utf8', post(`${formBody([...head, ['SourceSnapshotName', source]])}&TargetSnapshotName=${encodeFormComponent(t)}${bad}`))),
    'wire.missing-action': target.map((t) => wireCase('wire.missing-action', post(formBody([['Version', '2015-02-02'], ...members(t)])))),
    'wire.missing-version': target.map((t) => wireCase('wire.missing-version', post(formBody([['Action', 'CopySnapshot'], ...members(t)])))),
    'wire.other-version': fc
      .tuple(target, fc.constantFrom('2014-09-30', '2012-11-15', '2099-01-01', 'latest', ''))
      .map(([t, v]) => wireCase('wire.other-version', post(formBody([['Action', 'CopySnapshot'], ['Version', v], ...members(t)])))),
    'wire.get-query-string': target.map((t) => wireCase('wire.get-query-string', { method: 'GET', path: '/', query: encodeCopySnapshotBody({ SourceSnapshotName: source, TargetSnapshotName: t }), body: '' })),
    'wire.tags-member-alias': fc
      .tuple(target, charsFrom(alphabets.lower, 1, 8))
      .map(([t, k]) => wireCase('wire.tags-member-alias', post(formBody([...head, ...members(t), ['Tags.member.1.Key', k], ['Tags.member.1.Value', 'v']])))),
    'wire.tag-index-gaps': fc
      .tuple(target, fc.integer({ min: 2, max: 9 }))
      .map(([t, n]) => wireCase('wire.tag-index-gaps', post(formBody([...head, ...members(t), ['Tags.Tag.1.Key', 'a'], ['Tags.Tag.1.Value', '1'], [`Tags.Tag.${n + 1}.Key`, 'b'], [`Tags.Tag.${n + 1}.Value`, '2']])))),
    'wire.large-body': fc
      .tuple(target, fc.integer({ min: 1024 * 1024 + 1, max: 1024 * 1024 + 4096 }))
      .map(([t, size]) => wireCase('wire.large-body', post(`${formBody([...head, ...members(t)])}&KmsKeyId=${'k'.repeat(size)}`))),
  };
}
