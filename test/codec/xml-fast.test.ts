// The fast XML reader must build exactly what fast-xml-parser (with validation) builds, or step aside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimpleXml } from '../../protocol/xml-fast.js';
import { isList, parseWithFastXmlParser } from '../../protocol/xml-parse.js';
import { errorXml, snapshotXml, successXml } from '../../protocol/index.js';
import { createMockCore } from '../../mock/reference.js';
import { referenceFixtures } from '../../mock/fixtures.js';
import { encodeCopySnapshotBody } from '../../protocol/index.js';

/** What fast-xml-parser makes of `xml`, or 'invalid' when its validation refuses it. */
function slow(xml: string): unknown {
  try {
    return parseWithFastXmlParser(xml);
  } catch {
    return 'invalid';
  }
}

const taken = { fast: 0, all: 0 };
/** The property: the fast reader either declines or agrees with fast-xml-parser. */
function agrees(xml: string): boolean {
  taken.all++;
  const fast = parseSimpleXml(xml, isList);
  if (fast === undefined) return true;
  taken.fast++;
  expect(fast, xml).toEqual(slow(xml));
  return true;
}

/** A property that the fast reader always declined would prove nothing: it must read a good share itself. */
function expectFastShare(atLeast: number): void {
  expect(taken.fast / taken.all).toBeGreaterThanOrEqual(atLeast);
  taken.fast = taken.all = 0;
}

// mostly what protocol answers hold, salted with what the fast reader must decline or get right
const names = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'B', 'Snapshot', 'Snapshots', 'Tag', 'TagList', 'NodeSnapshot', 'NodeSnapshots', 'Error', 'x:y', 'a-b.c', '_u') },
  { weight: 1, arbitrary: fc.constantFrom('1x', 'é', 'a b', 'xml', '-a') },
);
const plainText = fc.string({ unit: fc.constantFrom('x', 'Y', '0', ' ', '\n', '\t', '>', '"', "'", '/', '=', ']', 'ü', '😀', '\u00a0'), maxLength: 6 });
const oddText = fc.string({ unit: fc.constantFrom('x', '<', '&', '&amp;', '&quot;', '&lt;', '&#65;', '&#x1F600;', '&#0;', '&#xD800;', '&#99999999;', '&bogus;', '&amp', '&#;', ']]>', '<!-- c -->', '<![CDATA[z]]>', '<?pi?>', '\r'), maxLength: 4 });
const text = fc.oneof({ weight: 8, arbitrary: plainText }, { weight: 1, arbitrary: oddText });
const attrValue = fc.string({ unit: fc.constantFrom('v', ' ', '>', "'", '\n', '\t', 'ü', '<', '&', '&amp;', '&quot;', '&#10;', '&x;'), maxLength: 4 });
const attrName = fc.constantFrom('xmlns', 'id', 'x:y', 'id', 'a-b');
const quote = fc.oneof({ weight: 6, arbitrary: fc.constant('"') }, { weight: 1, arbitrary: fc.constantFrom("'", '') });
const attrs = fc.array(fc.tuple(attrName, attrValue, quote), { maxLength: 2 });

interface Tree {
  name: string;
  attrs: [string, string, string][];
  body: string | Tree[];
  selfClosing: boolean;
  pad: string;
}
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    name: names,
    attrs,
    body: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.array(tie('node'), { maxLength: 4 })),
    selfClosing: fc.boolean(),
    pad: fc.constantFrom('', '', '\n  ', '\n', ' ', 'junk'),
  }),
})).node;

function render(t: Tree): string {
  const a = t.attrs.map(([k, v, q]) => ` ${k}=${q}${v}${q}`).join('');
  if (t.selfClosing && (t.body === '' || (Array.isArray(t.body) && t.body.length === 0))) return `<${t.name}${a}/>`;
  const inner = typeof t.body === 'string' ? t.body : t.body.map((c) => `${t.pad}${render(c)}`).join('') + (t.body.length ? t.pad.replace('junk', '') : '');
  return `<${t.name}${a}>${inner}</${t.name}>`;
}

const declaration = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0'?>\n", '<?xml?>', '<?xml version="1.0"?><?xml version="1.0"?>');
/** A damaged copy: a character dropped, doubled or inserted somewhere. */
const damage = (xml: string) =>
  fc.tuple(fc.nat({ max: Math.max(0, xml.length) }), fc.constantFrom('drop', 'double', '<', '>', '/', '"', ' ')).map(([at, how]) => {
    if (how === 'drop') return xml.slice(0, at) + xml.slice(at + 1);
    if (how === 'double') return xml.slice(0, at) + xml.slice(at, at + 1) + xml.slice(at);
    return xml.slice(0, at) + how + xml.slice(at);
  });

describe('parseSimpleXml: the fast path of the protocol XML reader', () => {
  it('agrees with fast-xml-parser on every document it reads (generated trees)', () => {
    fc.assert(fc.property(declaration, tree, fc.constantFrom('', '', '', '\n', ' <b/>', 'tail'), (decl, t, after) => agrees(`${decl}${render(t)}${after}`.trim())), { numRuns: 3000, seed: 11 });
    expectFastShare(0.1);
  });

  it('agrees with fast-xml-parser on damaged documents', () => {
    fc.assert(fc.property(tree.chain((t) => damage(render(t))), (xml) => agrees(xml.trim())), { numRuns: 3000, seed: 12 });
    expectFastShare(0.05);
  });

  it('reads the protocol answers themselves (so the fast path is the one taken), with the same result', () => {
    const answers = [
      successXml('CopySnapshot', snapshotXml({ SnapshotName: 'n-1', SnapshotStatus: 'creating', Port: 6379, NodeSnapshots: [{ CacheNodeId: '0001' }] }), 'req-1'),
      errorXml({ type: 'Sender', code: 'SnapshotNotFoundFault', message: 'Snapshot n not found', requestId: 'req-2' }),
    ];
    // and every answer the reference mock gives to a small mix of requests, listings and tags included
    const core = createMockCore({ settleMs: 0 });
    const post = (body: string) => core.answerWire({ method: 'POST', query: '', body: new TextEncoder().encode(body) });
    const copies = [
      { SourceSnapshotName: referenceFixtures.sourceSnapshot, TargetSnapshotName: 'fast-1', Tags: [{ Key: 'k', Value: 'v' }] },
      { SourceSnapshotName: 'missing', TargetSnapshotName: 'fast-2' },
      { SourceSnapshotName: referenceFixtures.sourceSnapshot, TargetSnapshotName: 'fast-"&<>\'-3' },
      { SourceSnapshotName: referenceFixtures.sourceSnapshot, TargetSnapshotName: 'fast-1' },
    ];
    for (const c of copies) answers.push(post(encodeCopySnapshotBody(c)).body);
    answers.push(post('Action=DescribeSnapshots&Version=2015-02-02').body);
    answers.push(post('Action=DescribeSnapshots&Version=2015-02-02&SnapshotName=fast-1').body);
    for (const xml of answers) {
      const fast = parseSimpleXml(xml.replace(/\r\n?/g, '\n').trim(), isList);
      expect(fast, xml).toBeDefined();
      expect(fast).toEqual(slow(xml.replace(/\r\n?/g, '\n').trim()));
    }
  });

  it('reads entity references in text and attributes as fast-xml-parser does', () => {
    for (const xml of ['<a x="1&amp;2&#65;&#x42;">t&lt;&gt;&quot;&apos;</a>', '<a><b y="&quot;"/><b>&#128512;</b></a>', '<Snapshots><Snapshot><SnapshotName>a&amp;b</SnapshotName></Snapshot></Snapshots>']) {
      expect(parseSimpleXml(xml, isList), xml).toBeDefined();
      expect(agrees(xml)).toBe(true);
    }
  });

  it('declines what it leaves to fast-xml-parser', () => {
    for (const xml of ['<a>&</a>', '<a>&bogus;</a>', '<a x="&"/>', '<a><!-- c --></a>', '<a><![CDATA[x]]></a>', '<a>t<b/></a>', "<a x='1'/>", '<a x="1" x="2"/>', '<a></b>', '<a/><b/>', '<a>', 'x<a/>', '<a >x</a>', '<é/>'])
      expect(parseSimpleXml(xml, isList), xml).toBeUndefined();
  });
});
