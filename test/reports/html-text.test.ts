// Commands and flags in report.html wrap only where a reader cannot misread them, and keep their exact text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actualHtml, commandHtml, proseHtml, shellWords, sourcesHtml } from '../../reports/html-text.js';
import { actualText } from '../../reports/text.js';
import { escapeText } from '../../reports/escape.js';

const curl = `curl -sS -i -X POST http://127.0.0.1:4566/ --aws-sigv4 aws:amz:us-east-1:elasticache --user conformance:conformance -H 'content-type: application/x-www-form-urlencoded' --data-binary 'Action=CopySnapshot&Version=2015-02-02&A=it'\\''s'`;
const unescape = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('report.html text', () => {
  it('shell words and their gaps give back any command exactly', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(' ', "'", '"', '\\', '-', 'a', '=', '\t') }), (s) => shellWords(s).map((w) => w.word + w.gap).join('') === s));
    expect(shellWords(curl).map((w) => w.word)).toContain("'content-type: application/x-www-form-urlencoded'");
  });

  it('a command: each flag with its value in one unbreakable span, the text unchanged', () => {
    const html = commandHtml(curl);
    expect(unescape(html)).toBe(curl);
    expect(html).toContain(`<span class="arg">-H 'content-type: application/x-www-form-urlencoded'</span>`);
    expect(html).toContain('<span class="arg">--aws-sigv4 aws:amz:us-east-1:elasticache</span>');
    const replay = 'copysnapshot-conformance replay --endpoint http://127.0.0.1:4566 --bucket-fixture no-write=b --allow-aws --rule tags.max-50 --seed 42 --path 3:0';
    expect(commandHtml(replay)).toContain('<span class="arg">--allow-aws</span> <span class="arg">--rule tags.max-50</span>');
    expect(unescape(commandHtml(replay))).toBe(replay);
  });

  it('prose: every --flag with its placeholder kept together', () => {
    expect(proseHtml('needs a bucket that is no-write: pass --bucket-fixture no-write=BUCKET')).toBe('needs a bucket that is no-write: pass <span class="flag">--bucket-fixture no-write=BUCKET</span>');
    expect(proseHtml('pass --snapshot-quota N <now>')).toBe('pass <span class="flag">--snapshot-quota N</span> &lt;now&gt;');
  });

  it('actual: status and code marked where no expected outcome allows them; the text is actualText', () => {
    const expected = [{ status: 404, code: 'SnapshotNotFoundFault' }];
    expect(actualHtml({ status: 400, code: 'SnapshotNotFoundFault', message: 'x <b>' }, expected)).toBe('<mark>400</mark> SnapshotNotFoundFault "x &lt;b&gt;"');
    expect(actualHtml({ status: 404, code: 'SnapshotNotFound' }, expected)).toBe('404 <mark>SnapshotNotFound</mark>');
    expect(actualHtml({ status: 403, code: 'AccessDenied' }, [{ status: '4xx' }])).toBe('403 AccessDenied');
    expect(actualHtml({ problem: 'timeout' }, expected)).toBe('<mark>no answer</mark> (timeout)');
    fc.assert(
      fc.property(fc.record({ status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), code: fc.option(fc.string(), { nil: undefined }), message: fc.option(fc.string(), { nil: undefined }), problem: fc.option(fc.string(), { nil: undefined }) }), (a) => {
        const answer = Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
        expect(unescape(actualHtml(answer, expected))).toBe(escapeText(actualText(answer)).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      }),
    );
  });

  it('a long argument (a wire body) may break, but never inside its flag', () => {
    const html = commandHtml(`curl --data-binary '${'x'.repeat(300)}'`);
    expect(html).toMatch(/^<span class="arg">curl<\/span> <span class="arg long"><span class="arg">--data-binary<\/span> 'x+'<\/span>$/);
  });

  it('sources: AWS pages are links, anything else text', () => {
    expect(sourcesHtml(['docs/contract.md#names', 'https://docs.aws.amazon.com/x.html', 'https://a"b'])).toBe(
      'docs/contract.md#names; <a href="https://docs.aws.amazon.com/x.html" rel="noreferrer">https://docs.aws.amazon.com/x.html</a>; https://a"b',
    );
  });
});
