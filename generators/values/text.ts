// Text building blocks. Lengths count Unicode code points (docs/contract.md#tags), so the
// strings mix ASCII, other BMP characters and astral characters (two UTF-16 units each).
import fc from 'fast-check';

export const alphabets = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
} as const;

/** `min`..`max` characters of `alphabet`: a cheap stand-in for fc.stringMatching on hot paths. */
export const charsFrom = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });

/** One character of `first`, then `min`..`max` of `rest`, then optionally one of `last`. */
export const word = (first: string, rest: string, min: number, max: number, last?: string): fc.Arbitrary<string> =>
  fc.tuple(charsFrom(first, 1, 1), charsFrom(rest, min, max), last ? charsFrom(last, 1, 1) : fc.constant('')).map(([a, b, c]) => a + b + c);

/** A code point outside the BMP: one character, two UTF-16 code units. */
export const astralCodePoint = (): fc.Arbitrary<string> => fc.integer({ min: 0x1f300, max: 0x1f64f }).map((cp) => String.fromCodePoint(cp));

/** The BMP symbols and letters block used below, without the spaces in it (U+1680, U+2000–U+200A, …). */
const bmpNonSpace = fc.integer({ min: 0xa1, max: 0x2fff }).map((cp) => (/\s/u.test(String.fromCodePoint(cp)) ? 0x2190 : cp));

/**
 * A printable, non-space code point: mostly ASCII (what shrinking heads for), else BMP letters and
 * symbols, CJK or astral. No spaces, so a name never turns into a whitespace name by chance.
 */
export const printableCodePoint = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((cp) => String.fromCodePoint(cp)) },
    { weight: 2, arbitrary: bmpNonSpace.map((cp) => String.fromCodePoint(cp)) },
    { weight: 1, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)) },
    { weight: 2, arbitrary: astralCodePoint() },
  );

/** `minLength`..`maxLength` printable code points. */
export const codePointString = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(printableCodePoint(), { minLength, maxLength }).map((cps) => cps.join(''));

/**
 * Exactly `length` code points of which at least one is astral, so the UTF-16 length is larger
 * than the code-point length: a checker that counts `.length` sees a different boundary.
 */
export const astralStringOfLength = (length: number): fc.Arbitrary<string> =>
  fc
    .tuple(codePointString(length - 1, length - 1), astralCodePoint(), fc.nat(length - 1))
    .map(([rest, astral, at]) => {
      const cps = [...rest];
      cps.splice(at, 0, astral);
      return cps.join('');
    });

/** Exactly `length` code points: ASCII-only, mixed, or with an astral character (UTF-16 length ≠ length). */
export const stringOfLength = (length: number): fc.Arbitrary<string> =>
  length === 0
    ? fc.constant('')
    : fc.oneof({ weight: 1, arbitrary: charsFrom(alphabets.lower, length, length) }, { weight: 3, arbitrary: astralStringOfLength(length) });
