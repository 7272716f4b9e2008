// Snapshot names. Any non-blank target name is valid for a plain copy (docs/contract.md#names), so names mix
// ASCII, Unicode with astral characters, upper case and lengths at the boundaries others use.
import fc from 'fast-check';
import { limits } from '../../specs/limits.js';
import { alphabets, codePointString, stringOfLength, word } from './text.js';

const { lower, upper, digits } = alphabets;

/** Lengths where a server with a guessed limit would break: 40 (cluster naming rule), 255/256, 1000/1001. */
export const nameBoundaryLengths = [1, 40, 41, 255, 256, limits.maxExportTargetNameLength, limits.maxExportTargetNameLength + 1] as const;

/** A plain ASCII name in the style of the cluster naming rule: lowercase, digits, hyphens. */
export const asciiName = (): fc.Arbitrary<string> => word(lower, lower + digits + '-', 0, 20);

/** A name suffix: ASCII, mixed case with dots, Unicode with astral characters, or a boundary length. */
export const nameSuffix = (): fc.Arbitrary<string> =>
  fc.oneof(
    { withCrossShrink: true },
    { weight: 5, arbitrary: asciiName() },
    { weight: 2, arbitrary: word(lower + upper, lower + upper + digits + '.', 0, 30) },
    { weight: 2, arbitrary: codePointString(1, 30) },
    { weight: 1, arbitrary: fc.constantFrom(...nameBoundaryLengths).chain(stringOfLength) },
  );

/** A name whose total length is exactly one of the boundaries, after `prefix` (code points). */
export const nameAtBoundary = (prefix: string): fc.Arbitrary<string> =>
  fc
    .constantFrom(...nameBoundaryLengths.filter((n) => n > [...prefix].length))
    .chain((n) => stringOfLength(n - [...prefix].length))
    .map((s) => prefix + s);

/**
 * A name with trailing spaces (unspecified by the contract). It keeps `prefix` at its start so that
 * whatever an endpoint creates under it is owned by the run; `onlySpaces` (1–3 spaces) is for
 * endpoints where that does not matter.
 */
export const whitespaceName = (prefix: string): fc.Arbitrary<string> =>
  fc.tuple(asciiName(), fc.constantFrom(' ', '  ', '   ')).map(([s, tail]) => `${prefix}${s}${tail}`);

export const onlySpaces = (): fc.Arbitrary<string> => fc.integer({ min: 1, max: 3 }).map((n) => ' '.repeat(n));

/** Letters of `name` after `keep` characters whose case can be flipped. */
function flippable(name: string, keep: number): number[] {
  return [...name].map((c, i) => (i >= keep && c.toLowerCase() !== c.toUpperCase() ? i : -1)).filter((i) => i >= 0);
}

/** A case variant of `name` that differs from it: at least one letter after `keep` characters flipped. */
export function caseVariant(name: string, keep = 0): fc.Arbitrary<string> {
  const letters = flippable(name, keep);
  if (letters.length === 0) return fc.constant(name.toUpperCase());
  return fc.subarray(letters, { minLength: 1 }).map((flip) => {
    const chars = [...name];
    for (const i of flip) {
      const c = chars[i]!;
      chars[i] = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
    }
    return chars.join('');
  });
}
