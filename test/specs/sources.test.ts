// Every citation a rule or fault makes can be opened: a section of docs/contract.md that exists (the anchor GitHub
// gives its heading) or an AWS page on the allow-list of specs/sources.ts. No "seed:" or "contract.md A/B §"
// references to documents the package does not ship.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { faults } from '../../specs/faults.js';
import { ruleList } from '../../specs/rules.js';
import { allowedUrls, contractDoc, headingSlug } from '../../specs/sources.js';

const markdown = readFileSync(contractDoc, 'utf8');
/** Headings outside fenced code blocks (a `#` comment in a code sample is no heading). */
const headings = markdown
  .replace(/^```[\s\S]*?^```/gm, '')
  .split('\n')
  .filter((l) => /^#{1,6} /.test(l))
  .map((l) => l.replace(/^#+ /, ''));
const anchors = new Set(headings.map(headingSlug));

const cited = [
  ...ruleList.flatMap((r) => r.sources.map((s) => ({ who: r.id, source: s }))),
  ...Object.entries(faults).flatMap(([name, f]) => f.sources.map((s) => ({ who: `fault ${name}`, source: s }))),
];

describe('sources a reader can open', () => {
  it('GitHub-style slugs, as the anchors are computed', () => {
    expect(headingSlug('Defaults for open questions')).toBe('defaults-for-open-questions');
    expect(headingSlug('Wire codes and shape names')).toBe('wire-codes-and-shape-names');
    expect(headingSlug('Export to S3')).toBe('export-to-s3');
    expect(headingSlug('A `code` heading, with: punctuation!')).toBe('a-code-heading-with-punctuation');
  });

  it('docs/contract.md has unique headings (so no anchor needs a -1 suffix)', () => {
    expect(headings.length).toBeGreaterThan(10);
    expect(anchors.size).toBe(headings.length);
  });

  it('every rule and fault cites at least one source', () => {
    for (const r of ruleList) expect(r.sources.length, r.id).toBeGreaterThan(0);
    for (const [name, f] of Object.entries(faults)) expect(f.sources.length, name).toBeGreaterThan(0);
  });

  it('every source is a docs/contract.md section that exists or an allowed AWS page', () => {
    const bad: string[] = [];
    for (const { who, source } of cited) {
      if (source.startsWith(`${contractDoc}#`)) {
        if (!anchors.has(source.slice(contractDoc.length + 1))) bad.push(`${who}: no heading for ${source}`);
      } else if (!allowedUrls.has(source)) bad.push(`${who}: neither a contract section nor an allowed page: ${source}`);
    }
    expect(bad).toEqual([]);
  });

  it('the allowed pages are AWS documentation (or the Query protocol specification) over https, and the contract lists each', () => {
    for (const url of allowedUrls) {
      expect(url).toMatch(/^https:\/\/(docs\.aws\.amazon\.com\/AmazonElastiCache\/latest\/|smithy\.io\/2\.0\/aws\/protocols\/|www\.repost\.aws\/knowledge-center\/)/);
      expect(markdown, `docs/contract.md does not list ${url}`).toContain(url);
    }
  });

  it('the links inside docs/contract.md point at its own headings', () => {
    const local = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(local.length).toBeGreaterThan(0);
    for (const anchor of local) expect(anchors, `#${anchor}`).toContain(anchor);
  });

  it('the contract names every S3 export message and every fault wire code', async () => {
    const { exportMessages } = await import('../../specs/messages.js');
    for (const m of Object.values(exportMessages)) expect(markdown).toContain(m.template);
    for (const f of Object.values(faults)) expect(markdown).toContain(`\`${f.code}\``);
  });
});
