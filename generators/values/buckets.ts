// S3 bucket names (docs/contract.md#export-to-s3: DNS-compliant, 3–63, lowercase labels, not an IP).
import fc from 'fast-check';
import { alphabets, charsFrom, word } from './text.js';

const { lower, upper, digits } = alphabets;

/** DNS-compliant bucket names: 3–63 characters, labels of lowercase letters, digits and hyphens. */
export const dnsBucketName = (): fc.Arbitrary<string> =>
  fc.oneof(
    word(lower + digits, lower + digits + '-', 1, 40, lower + digits),
    fc.tuple(word(lower, lower + digits, 1, 10), word(lower, lower + digits, 1, 10)).map(([a, b]) => `${a}.${b}`),
    fc.constantFrom('abc', 'a'.repeat(63)),
  );

/** Bucket names that are not DNS-compliant: upper case, too short or long, bad edges, `_`, `..`, an IP. */
export const nonDnsBucketName = (): fc.Arbitrary<string> =>
  fc.oneof(
    word(upper, lower + upper + digits, 2, 20),
    fc.constantFrom('ab', '-bucket', 'bucket-', 'bucket_name', '192.168.1.1', 'my..bucket', 'a'.repeat(64), '.bucket'),
    fc.tuple(charsFrom(lower + digits, 3, 10), charsFrom(lower + digits, 1, 10)).map(([a, b]) => `${a}_${b}`),
  );
