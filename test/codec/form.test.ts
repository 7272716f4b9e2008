import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCopySnapshot, duplicateKeys, formBody, paramsOf, parseForm } from '../../protocol/index.js';
import { anyText } from './arbitraries.js';

describe('parseForm', () => {
  it('decodes percent-escapes to UTF-8 and + to a space', () => {
    expect(parseForm('a=x%20y+z&%C3%BC=%F0%9F%98%80&k=%2B')).toEqual({ pairs: [['a', 'x y z'], ['ü', '😀'], ['k', '+']], errors: [] });
  });

  it('keeps empty values, keys without "=" and order; skips empty parts', () => {
    expect(parseForm('Tags=&flag&&b=1&b=2').pairs).toEqual([['Tags', ''], ['flag', ''], ['b', '1'], ['b', '2']]);
    expect(parseForm('')).toEqual({ pairs: [], errors: [] });
  });

  it('splits only on the first "=" of a pair', () => {
    expect(parseForm('a=b=c').pairs).toEqual([['a', 'b=c']]);
  });

  it.each([
    ['%zz', 'malformed percent-escape'],
    ['%4', 'malformed percent-escape'],
    ['abc%', 'malformed percent-escape'],
    ['%C3%28', 'not valid UTF-8'],
    ['%ED%A0%80', 'not valid UTF-8'], // an encoded lone surrogate
    ['%FF', 'not valid UTF-8'],
    ['%C3', 'not valid UTF-8'],
  ])('reports %s without throwing', (raw, error) => {
    const out = parseForm(`Action=CopySnapshot&SourceSnapshotName=${raw}`);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toContain(error);
    expect(out.pairs[0]).toEqual(['Action', 'CopySnapshot']);
  });

  it('reports a body of bytes that is not UTF-8', () => {
    const out = parseForm(Uint8Array.from([0x61, 0x3d, 0xff, 0xfe]));
    expect(out.errors).toEqual(['the body is not valid UTF-8']);
    expect(out.pairs[0]?.[0]).toBe('a');
  });

  it('reads raw (unencoded) non-ASCII text as it is', () => {
    expect(parseForm('name=Grüße 😀').pairs).toEqual([['name', 'Grüße 😀']]);
    expect(parseForm(new TextEncoder().encode('name=Grüße%20😀')).pairs).toEqual([['name', 'Grüße 😀']]);
  });

  it('inverts formBody for any pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText), { maxLength: 6 }), (pairs) => {
        const out = parseForm(formBody(pairs));
        expect(out.errors).toEqual([]);
        expect(out.pairs).toEqual(pairs);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'A', 'f', '0', '9', 'C', '3', '&', '=', '+', 'é', '\uD800') }), (text) => {
        const out = parseForm(text);
        expect(Array.isArray(out.pairs)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('paramsOf and duplicateKeys', () => {
  it('keeps the first value and reports each duplicated key once', () => {
    const pairs: [string, string][] = [['a', '1'], ['b', '2'], ['a', '3'], ['a', '4'], ['b', '5'], ['c', '6']];
    expect([...paramsOf(pairs)]).toEqual([['a', '1'], ['b', '2'], ['c', '6']]);
    expect(duplicateKeys(pairs)).toEqual(['a', 'b']);
  });
});

describe('decodeCopySnapshot', () => {
  const decode = (body: string) => decodeCopySnapshot(parseForm(body).pairs);

  it('reads the documented SDK body (docs/contract.md#encoding)', () => {
    const d = decode(
      'Action=CopySnapshot&Version=2015-02-02&SourceSnapshotName=src%20snap&TargetSnapshotName=dst&TargetBucket=bkt&KmsKeyId=k&Tags.Tag.1.Key=a%20b&Tags.Tag.1.Value=x%26y%3Dz&Tags.Tag.2.Key=k2',
    );
    expect(d).toEqual({
      action: 'CopySnapshot',
      version: '2015-02-02',
      input: { SourceSnapshotName: 'src snap', TargetSnapshotName: 'dst', TargetBucket: 'bkt', KmsKeyId: 'k', Tags: [{ Key: 'a b', Value: 'x&y=z' }, { Key: 'k2' }] },
      duplicates: [],
      problems: [],
    });
  });

  it('orders tags numerically, not lexically, and reports gaps', () => {
    const d = decode('Tags.Tag.10.Key=ten&Tags.Tag.2.Key=two&Tags.Tag.1.Key=one&Tags.Tag.2.Value=2');
    expect(d.input.Tags).toEqual([{ Key: 'one' }, { Key: 'two', Value: '2' }, { Key: 'ten' }]);
    expect(d.problems).toEqual(['tag index 10 where 3 was expected']);
  });

  it('reads Tags= as an empty list and no Tags as no list', () => {
    expect(decode('Tags=').input).toEqual({ Tags: [] });
    expect(decode('SourceSnapshotName=a').input).toEqual({ SourceSnapshotName: 'a' });
    expect(decode('Tags=x').problems).toEqual(['Tags has the value "x"; an empty list is sent as "Tags="']);
  });

  it('keeps a tag with only a Value, and empty strings as given', () => {
    expect(decode('Tags.Tag.1.Value=v&Tags.Tag.2.Key=&Tags.Tag.2.Value=&TargetBucket=').input).toEqual({ TargetBucket: '', Tags: [{ Value: 'v' }, { Key: '', Value: '' }] });
  });

  it('reports duplicate keys instead of merging them', () => {
    const d = decode('SourceSnapshotName=a&SourceSnapshotName=b&Tags.Tag.1.Key=x&Tags.Tag.1.Key=y');
    expect(d.duplicates).toEqual(['SourceSnapshotName', 'Tags.Tag.1.Key']);
    expect(d.input).toEqual({ SourceSnapshotName: 'a', Tags: [{ Key: 'x' }] });
  });

  it('lists unknown keys, Tags.member.N and non-canonical indexes among the problems', () => {
    const d = decode('Action=CopySnapshot&Foo=1&Tags.member.1.Key=k&Tags.Tag.01.Key=z&Tags.Tag.0.Key=w');
    expect(d.problems).toEqual(['unknown parameter Foo', 'unknown parameter Tags.member.1.Key', 'unknown parameter Tags.Tag.01.Key', 'unknown parameter Tags.Tag.0.Key']);
    expect(d.input).toEqual({});
  });
});
