import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, errorXml, readAnswer, snapshotXml, successXml } from '../../protocol/index.js';
import { service } from '../../specs/members.js';

const ns = service.namespace;
const prettyError = `<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="${ns}">
  <Error>
    <Type>Sender</Type>
    <Code>SnapshotNotFoundFault</Code>
    <Message>Snapshot &quot;x&quot; not found &#x1F600; &#65;</Message>
  </Error>
  <RequestId>0f9e1c</RequestId>
</ErrorResponse>
`;
const prettySuccess = `<CopySnapshotResponse xmlns="${ns}">
  <CopySnapshotResult>
    <Snapshot>
      <SnapshotName>0001</SnapshotName>
      <Port>6379</Port>
      <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
      <CacheClusterCreateTime>2026-01-01T00:00:00.000Z</CacheClusterCreateTime>
      <NodeSnapshots>
        <NodeSnapshot>
          <CacheNodeId>0001</CacheNodeId>
          <SnapshotCreateTime>2026-01-02T03:04:05Z</SnapshotCreateTime>
        </NodeSnapshot>
      </NodeSnapshots>
    </Snapshot>
  </CopySnapshotResult>
  <ResponseMetadata>
    <RequestId>r-1</RequestId>
  </ResponseMetadata>
</CopySnapshotResponse>`;

describe('readAnswer: errors', () => {
  it('reads a pretty-printed ErrorResponse with entities and numeric references', () => {
    expect(readAnswer(404, {}, prettyError)).toEqual({
      kind: 'error',
      status: 404,
      rootName: 'ErrorResponse',
      namespace: ns,
      type: 'Sender',
      code: 'SnapshotNotFoundFault',
      message: 'Snapshot "x" not found 😀 A',
      requestId: '0f9e1c',
      missing: [],
    });
  });

  it('keeps the raw <Code>, digits and spaces included, uncoerced', () => {
    const body = errorXml({ type: 'Sender', code: ' 0001 ', message: '1e3', requestId: '007' });
    expect(readAnswer(400, {}, body)).toMatchObject({ code: ' 0001 ', message: '1e3', requestId: '007' });
  });

  it('lists every missing envelope part', () => {
    expect(readAnswer(400, {}, '<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>')).toEqual({
      kind: 'error',
      status: 400,
      rootName: 'ErrorResponse',
      code: 'X',
      missing: ['Error/Type', 'Error/Message', 'RequestId'],
    });
    expect(readAnswer(400, {}, '<ErrorResponse><RequestId>r</RequestId></ErrorResponse>')).toMatchObject({ kind: 'error', missing: ['Error'], requestId: 'r' });
  });

  it('reads an empty <Message/> as an empty message, not a missing one', () => {
    expect(readAnswer(400, {}, '<ErrorResponse><Error><Type>Sender</Type><Code>C</Code><Message/></Error><RequestId>r</RequestId></ErrorResponse>')).toMatchObject({ message: '', missing: [] });
  });

  it('decodes entities once: &amp;#13; stays the text "&#13;"', () => {
    expect(readAnswer(400, {}, errorXml({ type: 'Sender', code: 'C', message: 'a &#13; b\r\nc', requestId: 'r' }))).toMatchObject({ message: 'a &#13; b\r\nc' });
    expect(decodeXmlEntities('&amp;amp; &lt;&gt;&quot;&apos; &#0; &#xD800; &nbsp;')).toBe("&amp; <>\"' &#0; &#xD800; &nbsp;");
  });

  it('leaves names of Object.prototype as written, not as entities', () => {
    expect(decodeXmlEntities('&constructor; &toString; &hasOwnProperty; &valueOf;')).toBe('&constructor; &toString; &hasOwnProperty; &valueOf;');
  });

  it('reads CDATA literally', () => {
    const body = '<ErrorResponse><Error><Type>Sender</Type><Code><![CDATA[A&amp;<B>]]></Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>';
    expect(readAnswer(400, {}, body)).toMatchObject({ code: 'A&amp;<B>' });
  });
});

describe('readAnswer: success', () => {
  it('reads a pretty-printed success and types the Snapshot as modelled', () => {
    const parsed = readAnswer(200, {}, prettySuccess);
    expect(parsed).toMatchObject({ kind: 'success', rootName: 'CopySnapshotResponse', namespace: ns, requestId: 'r-1', typeErrors: [] });
    if (parsed.kind !== 'success') throw new Error('not a success');
    expect(parsed.snapshot).toEqual({
      SnapshotName: '0001',
      Port: 6379,
      AutoMinorVersionUpgrade: true,
      CacheClusterCreateTime: new Date('2026-01-01T00:00:00.000Z'),
      NodeSnapshots: [{ CacheNodeId: '0001', SnapshotCreateTime: new Date('2026-01-02T03:04:05Z') }],
    });
    // the Result element itself, raw and without indentation noise
    expect((parsed.result.Snapshot as Record<string, unknown>).Port).toBe('6379');
    expect(Object.keys(parsed.result)).toEqual(['Snapshot']);
  });

  it('reports fields that are not of their modelled type', () => {
    const body = successXml(
      'CopySnapshot',
      '<Snapshot><Port>63a</Port><NumCacheNodes>1.5</NumCacheNodes><AutoMinorVersionUpgrade>yes</AutoMinorVersionUpgrade><CacheClusterCreateTime>yesterday</CacheClusterCreateTime><SnapshotName><x/></SnapshotName></Snapshot>',
      'r',
    );
    const parsed = readAnswer(200, {}, body);
    if (parsed.kind !== 'success') throw new Error('not a success');
    expect(parsed.typeErrors).toEqual([
      'Snapshot.SnapshotName is not a scalar',
      'Snapshot.NumCacheNodes "1.5" is not an integer',
      'Snapshot.CacheClusterCreateTime "yesterday" is not an ISO-8601 timestamp',
      'Snapshot.Port "63a" is not an integer',
      'Snapshot.AutoMinorVersionUpgrade "yes" is not true/false',
    ]);
    expect(parsed.snapshot).toEqual({});
  });

  it('reports a doubled Snapshot and a doubled member', () => {
    const parsed = readAnswer(200, {}, successXml('CopySnapshot', '<Snapshot><Port>1</Port><Port>2</Port></Snapshot><Snapshot/>', 'r'));
    expect(parsed.kind === 'success' && parsed.typeErrors).toEqual(['CopySnapshotResult has 2 Snapshot elements', 'Snapshot.Port appears 2 times']);
  });

  it('reads a missing Result as {} and no Snapshot, like the SDK', () => {
    const parsed = readAnswer(200, {}, `<CopySnapshotResponse xmlns="${ns}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CopySnapshotResponse>`);
    expect(parsed).toEqual({ kind: 'success', status: 200, rootName: 'CopySnapshotResponse', namespace: ns, requestId: 'r', result: {}, typeErrors: [] });
  });

  it('reads lists of snapshots and tags of other actions', () => {
    const one = readAnswer(200, {}, successXml('DescribeSnapshots', `<Snapshots>${snapshotXml({ SnapshotName: 'a' })}</Snapshots>`, 'r'));
    expect(one.kind === 'success' && one.result).toEqual({ Snapshots: { Snapshot: [{ SnapshotName: 'a' }] } });
    const tags = readAnswer(200, {}, successXml('ListTagsForResource', '<TagList><Tag><Key>k</Key></Tag></TagList>', 'r'));
    expect(tags.kind === 'success' && tags.result).toEqual({ TagList: { Tag: [{ Key: 'k' }] } });
  });
});

describe('readAnswer: malformed', () => {
  it.each([
    ['empty', '', 'empty body'],
    ['whitespace', ' \n ', 'empty body'],
    ['JSON', '{"__type":"SnapshotNotFoundFault"}', 'JSON'],
    ['text', 'Internal Server Error', 'plain text'],
    ['HTML', '<html><body>502</body></html>', 'text/html page'],
    ['HTML page with a DOCTYPE', '<!DOCTYPE html>\n<html lang="en"><head><title>500 Internal Server Error</title></head></html>', 'text/html page'],
    ['werkzeug 500 page', '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>', 'text/html page'],
    ['binary', '\u0000\u0001\u0002\uFFFD\uFFFD\u0003PK\u0004', 'binary'],
    ['unclosed', '<ErrorResponse><Error>', 'XML that does not parse'],
    ['two roots', '<AResponse/><BResponse/>', 'expected one root element'],
    ['bare Response', '<Response><Errors/></Response>', 'unexpected root element <Response>'],
    ['DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><ErrorResponse>&a;</ErrorResponse>', 'DOCTYPE'],
    ['entity bomb', `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><XResponse>&lol2;</XResponse>`, 'DOCTYPE'],
  ])('%s → malformed', (_name, body, reason) => {
    const parsed = readAnswer(500, {}, body);
    expect(parsed.kind).toBe('malformed');
    expect(parsed.kind === 'malformed' && parsed.reason).toContain(reason);
  });

  it('names the body by what it is, never as XML with a DOCTYPE when it is an HTML page', () => {
    const html = readAnswer(500, { 'content-type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html><body><h1>500</h1></body></html>');
    expect(html).toEqual({ kind: 'malformed', status: 500, reason: 'text/html page' });
    // an HTML fragment that is not one XML document: the content type names it
    expect(readAnswer(500, { 'content-type': 'text/html' }, '<h1>Internal Server Error</h1><p>oops</p>')).toMatchObject({ reason: 'text/html page' });
    expect(readAnswer(500, {}, '<h1>Internal Server Error</h1><p>oops</p>')).toMatchObject({ reason: expect.stringContaining('XML that does not parse') });
    expect(readAnswer(400, { 'content-type': 'application/x-amz-json-1.0' }, '{"__type":"x"}')).toMatchObject({ reason: 'JSON' });
  });

  it('reads the body, not the label: protocol XML labelled text/html is still read', () => {
    const parsed = readAnswer(400, { 'content-type': 'text/html' }, prettyError);
    expect(parsed).toMatchObject({ kind: 'error', code: 'SnapshotNotFoundFault' });
  });

  it('leaves undeclared entities as written', () => {
    const parsed = readAnswer(400, {}, '<ErrorResponse><Error><Type>Sender</Type><Code>&ext;</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>');
    expect(parsed).toMatchObject({ kind: 'error', code: '&ext;' });
  });

  it('never throws on deeply nested or hostile input', () => {
    for (const body of ['<a>'.repeat(5000) + '</a>'.repeat(5000), '<__proto__><polluted>1</polluted></__proto__>', '<?xml?>', '<', '<a b="', '\u0000<x/>']) {
      expect(() => readAnswer(400, {}, body)).not.toThrow();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
