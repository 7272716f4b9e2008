// Value arbitraries, one per concern. Lengths count Unicode code points; boundaries come up by design.
import fc from 'fast-check';
import { limits } from '../specs/limits.js';
import type { Tag } from '../specs/types.js';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const digits = '0123456789';

/** Characters from `alphabet`, `min`..`max` of them: a cheap stand-in for fc.stringMatching on hot paths. */
export const charsFrom = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });

/** One character of `first`, then `min`..`max` of `rest`, then optionally one of `last`. */
export const word = (first: string, rest: string, min: number, max: number, last?: string): fc.Arbitrary<string> =>
  fc.tuple(charsFrom(first, 1, 1), charsFrom(rest, min, max), last ? charsFrom(last, 1, 1) : fc.constant('')).map(([a, b, c]) => a + b + c);

export const alphabets = { lower, upper, digits };

/** A printable code point: ASCII, other BMP letters and symbols, or astral (two UTF-16 units). */
export const printableCodePoint = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) },
      { weight: 2, arbitrary: fc.integer({ min: 0xa1, max: 0x2fff }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }) },
      { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1f64f }) },
    )
    .map((cp) => String.fromCodePoint(cp));

/** A string of exactly/at most these many code points. */
export const codePointString = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(printableCodePoint(), { minLength, maxLength }).map((cps) => cps.join(''));

/** The `aws:` prefix in any letter case. */
export const reservedPrefix = (): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([a, w, s]) => `${a ? 'A' : 'a'}${w ? 'W' : 'w'}${s ? 'S' : 's'}:`);

const notReserved = (text: string) => text.slice(0, 4).toLowerCase() !== limits.reservedTagPrefix;

/** A valid tag key: 1..128 code points, not `aws:`-prefixed; 128 comes up often. */
export const validTagKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { withCrossShrink: true },
      { weight: 6, arbitrary: word(lower, lower + digits + '_.:/=+@-', 0, 15) },
      { weight: 2, arbitrary: codePointString(1, 20) },
      { weight: 1, arbitrary: codePointString(limits.maxTagKeyLength, limits.maxTagKeyLength) },
    )
    .filter(notReserved);

/** A key past the limit: 129+ code points (shrinks to exactly 129). */
export const tooLongTagKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: codePointString(limits.maxTagKeyLength + 1, limits.maxTagKeyLength + 1) },
      { weight: 2, arbitrary: codePointString(limits.maxTagKeyLength + 1, limits.maxTagKeyLength + 40) },
    )
    .filter(notReserved);

/** A valid tag value: absent, empty, short, or exactly 256 code points. */
export const validTagValue = (): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: codePointString(1, 24) },
    { weight: 1, arbitrary: codePointString(limits.maxTagValueLength, limits.maxTagValueLength) },
  );

/** A value past the limit: 257+ code points (shrinks to exactly 257). */
export const tooLongTagValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: codePointString(limits.maxTagValueLength + 1, limits.maxTagValueLength + 1) },
    { weight: 2, arbitrary: codePointString(limits.maxTagValueLength + 1, limits.maxTagValueLength + 40) },
  );

export function tag(key: string, value: string | undefined): Tag {
  return value === undefined ? { Key: key } : { Key: key, Value: value };
}

/** `count` valid tags with distinct keys (keys made distinct by an index, so shrinking keeps the count). */
export const validTags = (count: number): fc.Arbitrary<Tag[]> =>
  fc.array(fc.tuple(validTagKey(), validTagValue()), { minLength: count, maxLength: count }).map((pairs) =>
    pairs.map(([key, value], i) => tag(count > 1 ? `${i}${key}`.slice(0, 0) + uniqueKey(key, i) : key, value)),
  );

/** Make key i distinct from the others without breaking its length limit. */
function uniqueKey(key: string, i: number): string {
  const suffix = `~${i}`;
  const cps = [...key];
  return cps.length + suffix.length <= limits.maxTagKeyLength ? key + suffix : cps.slice(0, limits.maxTagKeyLength - suffix.length).join('') + suffix;
}

/** A valid tag list, weighted so 0, 1, 49 and 50 tags come up often. */
export const validTagList = (): fc.Arbitrary<Tag[]> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<Tag[]>([]) },
    { weight: 2, arbitrary: validTags(1) },
    { weight: 2, arbitrary: validTags(limits.maxTagsPerResource - 1) },
    { weight: 3, arbitrary: validTags(limits.maxTagsPerResource) },
    { weight: 3, arbitrary: fc.integer({ min: 2, max: 10 }).chain(validTags) },
  );

/** More than 50 user tags (shrinks to exactly 51). */
export const tooManyTags = (): fc.Arbitrary<Tag[]> =>
  fc.integer({ min: limits.maxTagsPerResource + 1, max: limits.maxTagsPerResource + 10 }).chain(validTags);

/** A name suffix: plain, Unicode with astral characters, upper case, dots, long. */
export const nameSuffix = (): fc.Arbitrary<string> =>
  fc.oneof(
    { withCrossShrink: true },
    { weight: 5, arbitrary: word(lower, lower + digits + '-', 0, 20) },
    { weight: 2, arbitrary: word(lower + upper, lower + upper + digits + '.', 0, 30) },
    { weight: 2, arbitrary: codePointString(1, 30) },
    { weight: 1, arbitrary: codePointString(100, 200) },
  );

/** A case variant of `name` that differs from it (flips the case of at least one letter after `keep` characters). */
export function caseVariant(name: string, keep = 0): fc.Arbitrary<string> {
  const letters = [...name].map((c, i) => (i >= keep && c.toLowerCase() !== c.toUpperCase() ? i : -1)).filter((i) => i >= 0);
  if (letters.length === 0) return fc.constant(name.toUpperCase());
  return fc.subarray(letters, { minLength: 1 }).map((flip) => {
    const chars = [...name];
    for (const i of flip) chars[i] = chars[i] === chars[i]!.toLowerCase() ? chars[i]!.toUpperCase() : chars[i]!.toLowerCase();
    return chars.join('');
  });
}

/** DNS-compliant S3 bucket names (3–63, lowercase labels). */
export const dnsBucketName = (): fc.Arbitrary<string> =>
  word(lower + digits, lower + digits + '-', 1, 40, lower + digits);

/** Bucket names that are not DNS-compliant. */
export const nonDnsBucketName = (): fc.Arbitrary<string> =>
  fc.oneof(
    word(upper, lower + upper + digits, 2, 20),
    fc.constantFrom('ab', '-bucket', 'bucket-', 'bucket_name', '192.168.1.1', 'my..bucket', 'a'.repeat(64)),
    fc.tuple(charsFrom(lower + digits, 3, 10), charsFrom(lower + digits, 1, 10)).map(([a, b]) => `${a}_${b}`),
  );

/** KMS key ids as ids, ARNs or aliases. */
export const kmsKeyId = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.uuid(),
    fc.uuid().map((id) => `arn:aws:kms:us-east-1:000000000000:key/${id}`),
    word(lower, lower + digits + '-', 2, 20).map((a) => `alias/${a}`),
  );
