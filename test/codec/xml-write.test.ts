import { describe, expect, it } from 'vitest';
import { errorXml, snapshotXml, successXml, xmlEscape } from '../../protocol/index.js';
import { service, snapshotMembers } from '../../specs/members.js';

describe('writers', () => {
  it('wraps a result in the Query envelope', () => {
    expect(successXml('CopySnapshot', '<Snapshot></Snapshot>', 'r&1')).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="${service.namespace}"><CopySnapshotResult><Snapshot></Snapshot></CopySnapshotResult>` +
        '<ResponseMetadata><RequestId>r&amp;1</RequestId></ResponseMetadata></CopySnapshotResponse>',
    );
  });

  it('writes an ErrorResponse with Type, Code, Message and a sibling RequestId', () => {
    expect(errorXml({ type: 'Sender', code: 'SnapshotNotFoundFault', message: 'a <b> & "c"', requestId: 'id' })).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${service.namespace}"><Error><Type>Sender</Type><Code>SnapshotNotFoundFault</Code>` +
        '<Message>a &lt;b&gt; &amp; &quot;c&quot;</Message></Error><RequestId>id</RequestId></ErrorResponse>',
    );
  });

  it('writes Snapshot members in model order whatever the object order, timestamps ISO-8601', () => {
    const xml = snapshotXml({
      ARN: 'arn',
      NodeSnapshots: [{ SnapshotCreateTime: new Date(0), CacheNodeId: '0001' }],
      Port: 6379,
      SnapshotName: 'n',
      AutoMinorVersionUpgrade: false,
      CacheClusterCreateTime: new Date('2026-01-01T00:00:00Z'),
    });
    expect(xml).toBe(
      '<Snapshot><SnapshotName>n</SnapshotName><CacheClusterCreateTime>2026-01-01T00:00:00.000Z</CacheClusterCreateTime><Port>6379</Port>' +
        '<AutoMinorVersionUpgrade>false</AutoMinorVersionUpgrade><NodeSnapshots><NodeSnapshot><CacheNodeId>0001</CacheNodeId>' +
        '<SnapshotCreateTime>1970-01-01T00:00:00.000Z</SnapshotCreateTime></NodeSnapshot></NodeSnapshots><ARN>arn</ARN></Snapshot>',
    );
    const names = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]).filter((n) => snapshotMembers.some((m) => m.name === n));
    expect(names).toEqual(snapshotMembers.map((m) => m.name).filter((n) => names.includes(n)));
  });

  it('uses another element name on request and skips null members', () => {
    expect(snapshotXml({ SnapshotName: 'a', KmsKeyId: null as unknown as string }, 'member')).toBe('<member><SnapshotName>a</SnapshotName></member>');
  });

  it('escapes XML specials, keeps CR as a reference and drops what XML cannot carry', () => {
    expect(xmlEscape('<a&b>"\'\r\n\t😀\u0000\u0008\uFFFE\uD800x')).toBe('&lt;a&amp;b&gt;&quot;\'&#13;\n\t😀x');
  });
});
