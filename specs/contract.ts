// The CopySnapshot contract as data: one entry point for everything downstream.
import { faults, faultByCode } from './faults.js';
import { limits } from './limits.js';
import { exportMessages } from './messages.js';
import { clusterMetadataMembers, nodeSnapshotMembers, requestMembers, service, snapshotMembers } from './members.js';
import { families, ruleList, rules } from './rules.js';

export const contract = {
  service,
  requestMembers,
  snapshotMembers,
  nodeSnapshotMembers,
  clusterMetadataMembers,
  faults,
  exportMessages,
  limits,
  rules,
  ruleList,
  families,
} as const;

export type Contract = typeof contract;

export { faultByCode };
export * from './types.js';
export * from './faults.js';
export * from './limits.js';
export * from './messages.js';
export * from './members.js';
export * from './rules.js';
