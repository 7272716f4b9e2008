// KMS key identifiers in the forms AWS accepts: key id, key ARN, alias name, alias ARN.
import fc from 'fast-check';
import { alphabets, word } from './text.js';

const aliasName = () => word(alphabets.lower, alphabets.lower + alphabets.digits + '-_/', 2, 20);

export const kmsKeyId = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.uuid(),
    fc.uuid().map((id) => `arn:aws:kms:us-east-1:000000000000:key/${id}`),
    aliasName().map((a) => `alias/${a}`),
    aliasName().map((a) => `arn:aws:kms:us-east-1:000000000000:alias/${a}`),
  );
