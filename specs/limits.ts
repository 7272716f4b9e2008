/** Numeric limits of the contract, each with its source. Lengths count Unicode code points. */
export const limits = {
  /** docs/contract.md#tags: at most 50 per resource (the TagQuotaPerResourceExceeded fault says so too) */
  maxTagsPerResource: 50,
  /** docs/contract.md#tags: 128 Unicode characters */
  maxTagKeyLength: 128,
  /** docs/contract.md#tags: 256 Unicode characters */
  maxTagValueLength: 256,
  /** docs/contract.md#export-to-s3: export target name 1–1,000 characters */
  maxExportTargetNameLength: 1000,
  /** docs/contract.md#tags: reserved prefix, every letter case */
  reservedTagPrefix: 'aws:',
} as const;

/** Length in Unicode code points, as AWS counts tag limits ("128 Unicode characters"). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** True where a tag key or value starts with `aws:` in any letter case. */
export function hasReservedPrefix(text: string | undefined): boolean {
  return text !== undefined && text.slice(0, 4).toLowerCase() === limits.reservedTagPrefix;
}

/** docs/contract.md#export-to-s3: 3–63 characters, dot-separated labels of [a-z0-9-] starting and ending alphanumeric, not an IP. */
const dnsCompliantBucket = /^(?!\d+\.\d+\.\d+\.\d+$)(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/** True for a bucket name an export may name (DNS-compliant); the oracle and the reference mock both judge by it. */
export function isDnsCompliantBucket(name: string): boolean {
  return dnsCompliantBucket.test(name);
}

/** A name that is present but blank: empty. */
export function isBlank(text: string | undefined): boolean {
  return text !== undefined && text.length === 0;
}
