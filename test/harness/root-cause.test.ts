// What a body is and what a non-protocol answer was: table tests over bodies real servers send.
import { describe, expect, it } from 'vitest';
import { errorXml, readAnswer, successXml } from '../../protocol/index.js';
import type { RuleResult } from '../../harness/result.js';
import type { Exchange } from '../../harness/run/exchange-types.js';
import { describeBody, groupRootCauses, rootCauseOf } from '../../harness/run/root-cause.js';
import type { WireAnswer } from '../../harness/transport/index.js';
import { htmlErrorPage } from '../fixtures/broken-servers.js';

const answer = (status: number, body: string, contentType?: string, truncated = false): WireAnswer => ({
  status,
  headers: contentType ? { 'content-type': contentType } : {},
  body,
  rawBytes: Buffer.byteLength(body),
  truncated,
  ms: 1,
});

const exchangeOf = (a: WireAnswer): Exchange => ({ request: { method: 'POST', path: '/', body: '' }, answer: a, parsed: readAnswer(a.status, a.headers, a.body) });
const failed = (kind: string, message: string): Exchange => ({ request: { method: 'POST', path: '/', body: '' }, transportError: { kind, message } });

const copyXml = successXml('CopySnapshot', '<Snapshot><SnapshotName>t</SnapshotName></Snapshot>', 'r');

describe('describeBody', () => {
  it.each([
    ['a werkzeug 500 page labelled text/html', answer(500, htmlErrorPage, 'text/html; charset=utf-8'), 'text/html page'],
    ['an HTML page without a content type', answer(500, '<!DOCTYPE html><html><body>Oops</body></html>'), 'text/html page'],
    ['<html> without a DOCTYPE', answer(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'), 'text/html page'],
    ['an HTML fragment labelled text/html', answer(500, '<h1>Error</h1><p>boom</p>', 'text/html'), 'text/html page'],
    ['JSON with application/x-amz-json-1.0', answer(400, '{"__type":"InvalidParameterValueException","message":"x"}', 'application/x-amz-json-1.0'), 'JSON'],
    ['JSON without a content type', answer(500, '[1,2]'), 'JSON'],
    ['an empty 500', answer(500, ''), 'empty body'],
    ['whitespace only', answer(500, ' \r\n '), 'empty body'],
    ['plain text', answer(500, 'Internal Server Error', 'text/plain'), 'plain text'],
    ['protocol XML labelled text/html', answer(200, copyXml, 'text/html'), 'XML <CopySnapshotResponse>'],
    ['other XML', answer(500, '<Error><Code>InternalError</Code></Error>', 'application/xml'), 'XML <Error>'],
    ['XML that does not parse', answer(500, '<ErrorResponse><Error>', 'text/xml'), 'XML that does not parse'],
    ['XML with a DOCTYPE that is not HTML', answer(500, '<!DOCTYPE x [<!ENTITY a "b">]><ErrorResponse>&a;</ErrorResponse>', 'text/xml'), 'XML with a DOCTYPE'],
    ['binary', answer(200, '\u0000\u0001\u0002\u0003\uFFFD\uFFFD\u0004\u0005PK', 'application/octet-stream'), 'binary'],
    ['a truncated body', answer(200, 'a'.repeat(4096), 'text/xml', true), 'body cut at 4096 bytes'],
  ])('%s → %s', (_name, a, expected) => {
    expect(describeBody(a)).toBe(expected);
  });

  it('never calls an HTML page "XML with a DOCTYPE", in the codec either', () => {
    const parsed = readAnswer(500, { 'content-type': 'text/html' }, htmlErrorPage);
    expect(parsed).toEqual({ kind: 'malformed', status: 500, reason: 'text/html page' });
  });
});

describe('rootCauseOf', () => {
  it.each([
    ['a 400 ErrorResponse', exchangeOf(answer(400, errorXml({ type: 'Sender', code: 'InvalidParameterValue', message: 'm', requestId: 'r' }), 'text/xml')), undefined],
    ['a 404 ErrorResponse', exchangeOf(answer(404, errorXml({ type: 'Sender', code: 'SnapshotNotFoundFault', message: 'm', requestId: 'r' }))), undefined],
    ['a 200 CopySnapshotResponse', exchangeOf(answer(200, copyXml, 'text/xml')), undefined],
    ['a 200 of another …Response envelope', exchangeOf(answer(200, successXml('DescribeSnapshots', '<Snapshots/>', 'r'))), undefined],
    ['a 500 HTML page', exchangeOf(answer(500, htmlErrorPage, 'text/html; charset=utf-8')), 'HTTP 500 text/html page'],
    ['a 503 ErrorResponse', exchangeOf(answer(503, errorXml({ type: 'Receiver', code: 'ServiceUnavailable', message: 'm', requestId: 'r' }))), 'HTTP 503 ErrorResponse ServiceUnavailable'],
    ['a 500 CopySnapshotResponse', exchangeOf(answer(500, copyXml)), 'HTTP 500 CopySnapshotResponse'],
    ['a 200 JSON answer', exchangeOf(answer(200, '{"ok":true}', 'application/json')), 'HTTP 200 JSON'],
    ['an empty 500', exchangeOf(answer(500, '')), 'HTTP 500 empty body'],
    ['a truncated 200', exchangeOf(answer(200, 'a'.repeat(100), 'text/xml', true)), 'HTTP 200 body cut at 100 bytes'],
    ['a 200 plain text', exchangeOf(answer(200, 'OK', 'text/plain')), 'HTTP 200 plain text'],
    ['a timeout', failed('timeout', 'no complete answer within 5000 ms'), 'no answer within 5000 ms'],
    ['a reset', failed('reset', '127.0.0.1:5000 reset the connection'), 'connection reset'],
    ['a close mid-body', failed('reset', '127.0.0.1:5000 closed the connection mid-body (100 bytes received)'), 'connection closed mid-body'],
    ['a refused connection', failed('refused', 'connection refused by 127.0.0.1:5000'), 'connection refused'],
    ['an answer that is not HTTP', failed('protocol', '127.0.0.1:5000 did not answer valid HTTP (HPE_INVALID_CONSTANT)'), 'answer is not HTTP'],
  ])('%s → %s', (_name, ex, expected) => {
    expect(rootCauseOf(ex)).toBe(expected);
  });

  it('reads the answer itself when the exchange was not parsed', () => {
    expect(rootCauseOf({ request: { method: 'POST', path: '/', body: '' }, answer: answer(500, htmlErrorPage) })).toBe('HTTP 500 text/html page');
  });

  it('gives the same words for the same cause, whatever the byte counts or host', () => {
    const a = rootCauseOf(failed('reset', 'a:1 closed the connection mid-body (10 bytes received)'));
    const b = rootCauseOf(failed('reset', 'b:2 closed the connection mid-body (99 bytes received)'));
    expect(a).toBe(b);
  });
});

describe('groupRootCauses', () => {
  const rule = (id: string, verdict: RuleResult['verdict'], rootCause?: string): RuleResult => ({
    id,
    family: 'names',
    statement: '',
    grade: 'documented',
    sources: [],
    expected: [],
    verdict,
    requests: 1,
    judged: 0,
    durationMs: 1,
    ...(rootCause ? { rootCause } : {}),
  });

  it('groups causes shared by two or more rules, largest first, then by cause', () => {
    const groups = groupRootCauses([
      rule('a', 'fail', 'HTTP 500 text/html page'),
      rule('b', 'inconclusive', 'HTTP 500 text/html page'),
      rule('c', 'fail', 'connection reset'),
      rule('d', 'warn', 'HTTP 500 text/html page'),
      rule('e', 'fail', 'connection reset'),
      rule('f', 'fail', 'HTTP 200 JSON'),
      rule('g', 'fail', 'HTTP 200 JSON'),
      rule('h', 'fail', 'no answer within 5000 ms'),
      rule('i', 'fail'),
      rule('j', 'fail'),
    ]);
    expect(groups).toEqual([
      { cause: 'HTTP 500 text/html page', rules: ['a', 'b', 'd'] },
      { cause: 'HTTP 200 JSON', rules: ['f', 'g'] },
      { cause: 'connection reset', rules: ['c', 'e'] },
    ]);
  });

  it('leaves out passed and skipped rules', () => {
    expect(groupRootCauses([rule('a', 'pass', 'x'), rule('b', 'skip', 'x'), rule('c', 'fail', 'x')])).toEqual([]);
  });
});
