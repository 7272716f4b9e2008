// What the reference mock holds when it starts: one cluster, four snapshots, eight buckets.
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import type { BucketCondition, Fixtures } from '../specs/types.js';

export const region = 'us-east-1';
export const account = '000000000000';

export function snapshotArn(name: string): string {
  return `arn:aws:elasticache:${region}:${account}:snapshot:${name}`;
}

export const referenceFixtures: Fixtures = {
  cluster: 'conformance-cluster',
  sourceSnapshot: 'conformance-source',
  pendingSnapshot: 'conformance-pending',
  exportBucket: 'conformance-export-ok',
  buckets: {
    'outside-region': 'conformance-other-region',
    'not-owned': 'conformance-not-owned',
    'caller-denied': 'conformance-denied',
    'object-exists': 'conformance-has-object',
    'no-read': 'conformance-no-read',
    'no-write': 'conformance-no-write',
    'no-read-acp': 'conformance-no-read-acp',
    'does-not-exist': 'conformance-missing-bucket',
  },
  existingExportTarget: 'conformance-existing',
};

/** The seeded cluster: what every snapshot taken from it carries. */
export const clusterMetadata: Snapshot = {
  CacheClusterId: 'conformance-cluster',
  CacheNodeType: 'cache.t3.micro',
  Engine: 'redis',
  EngineVersion: '7.1',
  NumCacheNodes: 1,
  PreferredAvailabilityZone: 'us-east-1a',
  CacheClusterCreateTime: new Date('2026-01-01T00:00:00.000Z'),
  PreferredMaintenanceWindow: 'sun:23:00-mon:01:30',
  Port: 6379,
  CacheParameterGroupName: 'default.redis7',
  CacheSubnetGroupName: 'default',
  VpcId: 'vpc-00000000',
  AutoMinorVersionUpgrade: true,
  SnapshotRetentionLimit: 0,
  SnapshotWindow: '05:00-06:00',
  DataTiering: 'disabled',
};

export interface SeedSnapshot {
  name: string;
  status: 'available' | 'creating';
  source: 'manual' | 'automated';
  tags: Tag[];
  /** never leaves `creating` */
  stuck?: boolean;
}

export const seedSnapshots: SeedSnapshot[] = [
  { name: 'conformance-source', status: 'available', source: 'manual', tags: [{ Key: 'origin', Value: 'conformance' }] },
  { name: 'automatic.conformance-cluster-2026-01-01-00-00', status: 'available', source: 'automated', tags: [] },
  { name: 'conformance-pending', status: 'creating', source: 'manual', tags: [], stuck: true },
];

/** Declared buckets; any other bucket does not exist. */
export const seedBuckets: Record<string, BucketCondition | 'ok'> = {
  'conformance-export-ok': 'ok',
  'conformance-other-region': 'outside-region',
  'conformance-not-owned': 'not-owned',
  'conformance-denied': 'caller-denied',
  'conformance-has-object': 'ok',
  'conformance-no-read': 'no-read',
  'conformance-no-write': 'no-write',
  'conformance-no-read-acp': 'no-read-acp',
};

/** Objects already in the buckets, as `bucket/key`. */
export const seedObjects = ['conformance-has-object/conformance-existing-0001.rdb'];
