import type { RequestMember, ResultMember } from './types.js';

export const service = {
  action: 'CopySnapshot',
  version: '2015-02-02',
  namespace: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
  signingName: 'elasticache',
  contentType: 'application/x-www-form-urlencoded',
} as const;

/** The five request members, in model order (docs/contract.md#request-members). */
export const requestMembers: readonly RequestMember[] = [
  {
    name: 'SourceSnapshotName',
    required: true,
    type: 'String',
    wireKeys: ['SourceSnapshotName'],
    doc: 'The name of an existing snapshot from which to make a copy.',
  },
  {
    name: 'TargetSnapshotName',
    required: true,
    type: 'String',
    wireKeys: ['TargetSnapshotName'],
    doc: 'A name for the snapshot copy. ElastiCache does not permit overwriting a snapshot, therefore this name must be unique within its context - ElastiCache or an Amazon S3 bucket if exporting.',
  },
  {
    name: 'TargetBucket',
    required: false,
    type: 'String',
    wireKeys: ['TargetBucket'],
    doc: 'The Amazon S3 bucket to which the snapshot is exported.',
  },
  {
    name: 'KmsKeyId',
    required: false,
    type: 'String',
    wireKeys: ['KmsKeyId'],
    doc: 'The ID of the KMS key used to encrypt the target snapshot.',
  },
  {
    name: 'Tags',
    required: false,
    type: 'TagList',
    wireKeys: ['Tags', 'Tags.Tag.N.Key', 'Tags.Tag.N.Value'],
    doc: 'A list of tags to be added to this resource. A tag key must be accompanied by a tag value, although null is accepted.',
  },
];

/** `Snapshot` members in model order (docs/contract.md#snapshot-fields). */
export const snapshotMembers: readonly ResultMember[] = [
  { name: 'SnapshotName', type: 'String' },
  { name: 'ReplicationGroupId', type: 'String' },
  { name: 'ReplicationGroupDescription', type: 'String' },
  { name: 'CacheClusterId', type: 'String' },
  { name: 'SnapshotStatus', type: 'String', values: ['creating', 'available', 'restoring', 'copying', 'deleting'] },
  { name: 'SnapshotSource', type: 'String', values: ['automated', 'manual'] },
  { name: 'CacheNodeType', type: 'String' },
  { name: 'Engine', type: 'String' },
  { name: 'EngineVersion', type: 'String' },
  { name: 'NumCacheNodes', type: 'Integer' },
  { name: 'PreferredAvailabilityZone', type: 'String' },
  { name: 'PreferredOutpostArn', type: 'String' },
  { name: 'CacheClusterCreateTime', type: 'Timestamp' },
  { name: 'PreferredMaintenanceWindow', type: 'String' },
  { name: 'TopicArn', type: 'String' },
  { name: 'Port', type: 'Integer' },
  { name: 'CacheParameterGroupName', type: 'String' },
  { name: 'CacheSubnetGroupName', type: 'String' },
  { name: 'VpcId', type: 'String' },
  { name: 'AutoMinorVersionUpgrade', type: 'Boolean' },
  { name: 'SnapshotRetentionLimit', type: 'Integer' },
  { name: 'SnapshotWindow', type: 'String' },
  { name: 'NumNodeGroups', type: 'Integer' },
  { name: 'AutomaticFailover', type: 'Enum', values: ['enabled', 'disabled', 'enabling', 'disabling'] },
  { name: 'NodeSnapshots', type: 'NodeSnapshotList' },
  { name: 'KmsKeyId', type: 'String' },
  { name: 'ARN', type: 'String' },
  { name: 'DataTiering', type: 'Enum', values: ['enabled', 'disabled'] },
  { name: 'Durability', type: 'Enum', values: ['async', 'default', 'disabled', 'sync'] },
];

/** `NodeSnapshot` scalar members in model order (docs/contract.md#snapshot-fields). */
export const nodeSnapshotMembers: readonly ResultMember[] = [
  { name: 'CacheClusterId', type: 'String' },
  { name: 'NodeGroupId', type: 'String' },
  { name: 'CacheNodeId', type: 'String' },
  { name: 'CacheSize', type: 'String' },
  { name: 'CacheNodeCreateTime', type: 'Timestamp' },
  { name: 'SnapshotCreateTime', type: 'Timestamp' },
];

/** Snapshot members that describe the source cluster: a copy carries the source's values. */
export const clusterMetadataMembers = [
  'ReplicationGroupId',
  'CacheClusterId',
  'CacheNodeType',
  'Engine',
  'EngineVersion',
  'NumCacheNodes',
  'Port',
  'CacheParameterGroupName',
  'CacheSubnetGroupName',
  'VpcId',
] as const;
