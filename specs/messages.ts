import type { BucketCondition, ExportMessage } from './types.js';

/** The eight S3 export error messages of the seed, verbatim, with what fills each `%s`. */
export const exportMessages: Readonly<Record<BucketCondition, ExportMessage>> = {
  'outside-region': {
    id: 'outside-region',
    template: 'The S3 bucket %s is outside of the region.',
    placeholders: ['bucket'],
    solution: 'Create an Amazon S3 bucket in the same region as your snapshot.',
  },
  'does-not-exist': {
    id: 'does-not-exist',
    template: 'The S3 bucket %s does not exist.',
    placeholders: ['bucket'],
    solution: 'Create an Amazon S3 bucket in the same region as your snapshot.',
  },
  'not-owned': {
    id: 'not-owned',
    template: 'The S3 bucket %s is not owned by the authenticated user.',
    placeholders: ['bucket'],
    solution: 'Create an Amazon S3 bucket in the same region as your snapshot.',
  },
  'caller-denied': {
    id: 'caller-denied',
    template: 'The authenticated user does not have sufficient permissions to perform the desired activity.',
    placeholders: [],
    solution: 'Contact your system administrator to get the needed permissions.',
  },
  'object-exists': {
    id: 'object-exists',
    template: 'The S3 bucket %s already contains an object with key %s.',
    placeholders: ['bucket', 'key'],
    solution: 'Give the TargetSnapshotName a new and unique value.',
  },
  'no-read': {
    id: 'no-read',
    template: 'ElastiCache has not been granted READ permissions %s on the S3 Bucket.',
    placeholders: ['bucket'],
    solution: 'Add List and Read permissions on the bucket.',
  },
  'no-write': {
    id: 'no-write',
    template: 'ElastiCache has not been granted WRITE permissions %s on the S3 Bucket.',
    placeholders: ['bucket'],
    solution: 'Add Upload/Delete permissions on the bucket.',
  },
  'no-read-acp': {
    id: 'no-read-acp',
    template: 'ElastiCache has not been granted READ_ACP permissions %s on the S3 Bucket.',
    placeholders: ['bucket'],
    solution: 'Add View Permissions on the bucket.',
  },
};

export const bucketConditions = Object.keys(exportMessages) as BucketCondition[];

/** The S3 key an export writes for the first node (docs/contract.md#export-to-s3, "Object key"). */
export function exportObjectKey(targetSnapshotName: string): string {
  return `${targetSnapshotName}-0001.rdb`;
}

/** Fill a template's placeholders in order. */
export function renderExportMessage(id: BucketCondition, values: { bucket?: string; key?: string }): string {
  const message = exportMessages[id];
  let i = 0;
  return message.template.replace(/%s/g, () => values[message.placeholders[i++] ?? 'bucket'] ?? '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for the template: each `%s` may be filled with anything, or with the given values. */
export function exportMessagePattern(id: BucketCondition, values?: { bucket?: string; key?: string }): RegExp {
  const message = exportMessages[id];
  const parts = message.template.split('%s').map(escapeRegExp);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const name = message.placeholders[i - 1];
    const fill = name && values?.[name] !== undefined ? escapeRegExp(values[name]!) : '.*';
    out += fill + parts[i];
  }
  return new RegExp(`^${out}$`, 's');
}
