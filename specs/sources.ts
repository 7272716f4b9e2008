// What a rule's `sources` may cite: a section of docs/contract.md (shipped in the package) or one of these AWS
// pages. test/specs/sources.test.ts holds every rule and fault to that, so a reader can open each citation.

/** The contract document, as rules cite it: `docs/contract.md#<GitHub-style heading anchor>`. */
export const contractDoc = 'docs/contract.md';

/** The public pages the contract rests on; each was confirmed to exist before it was listed. */
export const awsPages = {
  copySnapshot: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html',
  snapshot: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Snapshot.html',
  commonErrors: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html',
  exporting: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html',
  copying: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-copying.html',
  tagging: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Tagging-Resources.html',
  queryProtocol: 'https://smithy.io/2.0/aws/protocols/aws-query-protocol.html',
  status400: 'https://www.repost.aws/knowledge-center/elasticache-fix-status-code-400',
} as const;

export const allowedUrls: ReadonlySet<string> = new Set(Object.values(awsPages));

/**
 * The anchor GitHub gives a Markdown heading: lowercase, punctuation other than `-` and `_` dropped, each space a
 * hyphen (repeats get `-1`, `-2`, … — the contract's headings are unique, and the test says so).
 */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
