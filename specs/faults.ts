import type { Fault } from './types.js';

/**
 * Every fault the suite may expect from CopySnapshot. The wire `<Code>` is not always the
 * shape name (docs/contract.md#wire-codes-and-shape-names): the SDK maps both to one class, so checks compare `code`.
 * test/specs/contract-vs-sdk.test.ts cross-checks the CopySnapshot-scoped rows against the
 * schemas exported by the installed @aws-sdk/client-elasticache.
 */
export const faults = {
  InvalidParameterCombination: {
    shape: 'InvalidParameterCombinationException',
    code: 'InvalidParameterCombination',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'Two or more incompatible parameters were specified.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  InvalidParameterValue: {
    shape: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'The value for a parameter is invalid.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  InvalidSnapshotState: {
    shape: 'InvalidSnapshotStateFault',
    code: 'InvalidSnapshotState',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'The current state of the snapshot does not allow the requested operation to occur.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  SnapshotAlreadyExistsFault: {
    shape: 'SnapshotAlreadyExistsFault',
    code: 'SnapshotAlreadyExistsFault',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'You already have a snapshot with the given name.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  SnapshotNotFoundFault: {
    shape: 'SnapshotNotFoundFault',
    code: 'SnapshotNotFoundFault',
    status: 404,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'The requested snapshot name does not refer to an existing snapshot.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  SnapshotQuotaExceededFault: {
    shape: 'SnapshotQuotaExceededFault',
    code: 'SnapshotQuotaExceededFault',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'The request cannot be processed because it would exceed the maximum number of snapshots.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  TagQuotaPerResourceExceeded: {
    shape: 'TagQuotaPerResourceExceeded',
    code: 'TagQuotaPerResourceExceeded',
    status: 400,
    type: 'Sender',
    scope: 'CopySnapshot',
    doc: 'The request cannot be processed because it would cause the resource to have more than the allowed number of tags. The maximum number of tags permitted on a resource is 50.',
    sources: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html', 'docs/contract.md#wire-codes-and-shape-names'],
  },
  MissingParameter: {
    shape: 'MissingParameter',
    code: 'MissingParameter',
    status: 400,
    type: 'Sender',
    scope: 'common',
    doc: 'A required parameter for the specified action is not supplied.',
    sources: ['docs/contract.md#common-query-errors', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html'],
  },
  InvalidAction: {
    shape: 'InvalidAction',
    code: 'InvalidAction',
    status: 400,
    type: 'Sender',
    scope: 'common',
    doc: 'The action or operation requested is invalid.',
    sources: ['docs/contract.md#common-query-errors', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html'],
  },
  Throttling: {
    shape: 'Throttling',
    code: 'Throttling',
    status: 400,
    type: 'Sender',
    scope: 'common',
    doc: 'Rate exceeded.',
    sources: ['docs/contract.md#common-query-errors', 'https://www.repost.aws/knowledge-center/elasticache-fix-status-code-400'],
  },
  AccessDenied: {
    shape: 'AccessDenied',
    code: 'AccessDenied',
    status: 403,
    type: 'Sender',
    scope: 'common',
    doc: 'The caller is not authorized to perform the action.',
    sources: ['docs/contract.md#common-query-errors'],
  },
} as const satisfies Record<string, Fault>;

export type FaultName = keyof typeof faults;

/** The fault whose wire code is `code`, if the contract knows it. */
export function faultByCode(code: string): Fault | undefined {
  return Object.values(faults).find((f: Fault) => f.code === code);
}
