// Tag keys, values and lists (docs/contract.md#tags, and the tag rows of #defaults-for-open-questions). Boundaries come up by
// design, not by luck: 128/129 key and 256/257 value code points; 0, 1, 49, 50 and 51 tags.
import fc from 'fast-check';
import { hasReservedPrefix, limits } from '../../specs/limits.js';
import type { Tag } from '../../specs/types.js';
import { alphabets, charsFrom, codePointString, stringOfLength, word } from './text.js';

const { maxTagKeyLength, maxTagValueLength, maxTagsPerResource } = limits;
const notReserved = (text: string): boolean => !hasReservedPrefix(text);

/** The `aws:` prefix in any of its eight letter cases. */
export const reservedPrefix = (): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([a, w, s]) => `${a ? 'A' : 'a'}${w ? 'W' : 'w'}${s ? 'S' : 's'}:`);

/** A key with the reserved prefix in some letter case, e.g. `AwS:cost`. */
export const reservedTagKey = (): fc.Arbitrary<string> =>
  fc.tuple(reservedPrefix(), charsFrom(alphabets.lower, 0, 10)).map(([p, rest]) => p + rest);

/** A valid tag key: 1..128 code points, not `aws:`-prefixed; exactly 128 comes up often. */
export const validTagKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { withCrossShrink: true },
      { weight: 6, arbitrary: word(alphabets.lower, alphabets.lower + alphabets.digits + '_.:/=+@-', 0, 15) },
      { weight: 2, arbitrary: codePointString(1, 20) },
      { weight: 1, arbitrary: stringOfLength(maxTagKeyLength) },
    )
    .filter(notReserved);

/** A key past the limit: 129+ code points, mostly exactly 129; shrinks to 129, never to 128. */
export const tooLongTagKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: stringOfLength(maxTagKeyLength + 1) },
      { weight: 2, arbitrary: codePointString(maxTagKeyLength + 1, maxTagKeyLength + 40) },
    )
    .filter(notReserved);

/** A valid tag value: missing, empty, short, or exactly 256 code points. */
export const validTagValue = (): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { withCrossShrink: true },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: codePointString(1, 24) },
    { weight: 1, arbitrary: stringOfLength(maxTagValueLength) },
  );

/** A value past the limit: 257+ code points, mostly exactly 257; shrinks to 257. */
export const tooLongTagValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: stringOfLength(maxTagValueLength + 1) },
    { weight: 2, arbitrary: codePointString(maxTagValueLength + 1, maxTagValueLength + 40) },
  );

/** A tag; a missing value is left out (the SDK then sends only `Tags.Tag.N.Key`). */
export function tag(key: string | undefined, value: string | undefined): Tag {
  const t: Tag = {};
  if (key !== undefined) t.Key = key;
  if (value !== undefined) t.Value = value;
  return t;
}

/**
 * Exactly `count` valid tags with distinct keys. A fixed-length unique array: shrinking keeps the
 * count and the distinctness, and takes the keys down to the shortest distinct ones.
 */
export const validTags = (count: number): fc.Arbitrary<Tag[]> =>
  fc
    .uniqueArray(fc.tuple(validTagKey(), validTagValue()), { minLength: count, maxLength: count, selector: ([key]) => key })
    .map((pairs) => pairs.map(([key, value]) => tag(key, value)));

/** A valid tag list, weighted so 0, 1, 49 and 50 tags come up often. */
export const validTagList = (): fc.Arbitrary<Tag[]> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<Tag[]>([]) },
    { weight: 2, arbitrary: validTags(1) },
    { weight: 2, arbitrary: validTags(maxTagsPerResource - 1) },
    { weight: 3, arbitrary: validTags(maxTagsPerResource) },
    { weight: 3, arbitrary: fc.integer({ min: 2, max: 10 }).chain(validTags) },
  );

/** More than 50 user tags: 51 most often, up to 60; shrinks to exactly 51. */
export const tooManyTags = (): fc.Arbitrary<Tag[]> =>
  fc.oneof(
    { weight: 3, arbitrary: validTags(maxTagsPerResource + 1) },
    { weight: 1, arbitrary: fc.integer({ min: maxTagsPerResource + 2, max: maxTagsPerResource + 10 }).chain(validTags) },
  );

/** 1..50 user tags plus 1..5 `aws:`-keyed ones, which do not count against the 50 (but are refused). */
export const tagsWithReservedKeys = (): fc.Arbitrary<Tag[]> =>
  fc
    .tuple(fc.oneof(validTags(maxTagsPerResource), fc.integer({ min: 1, max: 5 }).chain(validTags)), fc.array(reservedTagKey(), { minLength: 1, maxLength: 5 }))
    .map(([tags, reserved]) => [...tags, ...reserved.map((k) => tag(k, 'v'))]);

/** A valid list with one key repeated (same key, its own value): the contract leaves the outcome open. */
export const tagsWithDuplicateKey = (): fc.Arbitrary<Tag[]> =>
  fc.tuple(fc.integer({ min: 1, max: maxTagsPerResource - 1 }).chain(validTags), fc.nat(), validTagValue()).map(([tags, pick, value]) => {
    const key = tags[pick % tags.length]!.Key;
    return [...tags, tag(key, value)];
  });

/**
 * Any tag list a request may carry, weighted by design: none, 0, 1, 49, 50, 51+, with `aws:` keys,
 * with a duplicate key. For multi-fault and coverage use; the per-rule arbitraries pick one shape.
 */
export const anyTagList = (): fc.Arbitrary<Tag[] | undefined> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: validTagList() },
    { weight: 2, arbitrary: tooManyTags() },
    { weight: 1, arbitrary: tagsWithReservedKeys() },
    { weight: 1, arbitrary: tagsWithDuplicateKey() },
  );
