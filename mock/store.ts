// The mock's in-memory state. Names are stored lowercase and are unique case-insensitively.
import type { Snapshot, Tag } from '@aws-sdk/client-elasticache';
import type { BucketCondition } from '../specs/types.js';
import { clusterMetadata, seedBuckets, seedObjects, seedSnapshots, snapshotArn } from './fixtures.js';

export interface StoredSnapshot {
  snapshot: Snapshot;
  tags: Tag[];
  /** when `creating` turns `available`; undefined: never */
  settleAt?: number;
}

export interface StoreOptions {
  /** how long a new snapshot stays `creating` (default 100 ms) */
  settleMs?: number;
  /** manual snapshots the mock holds at most (default: no quota) */
  quota?: number;
  /** the clock (ms), injectable for tests */
  now?: () => number;
  /**
   * Names are case-insensitive (stored lowercase) unless this is false. Only a planted-bug variant
   * turns it off.
   */
  foldCase?: boolean;
}

export class MockStore {
  readonly snapshots = new Map<string, StoredSnapshot>();
  readonly buckets = new Map<string, BucketCondition | 'ok'>();
  readonly objects = new Set<string>();
  readonly clusters = new Map<string, Snapshot>();
  /** names that existed when the mock started */
  readonly initialNames = new Set<string>();
  readonly settleMs: number;
  readonly quota: number | undefined;
  readonly now: () => number;
  /** the map key of a snapshot name */
  readonly keyOf: (name: string) => string;

  constructor(options: StoreOptions = {}) {
    this.settleMs = options.settleMs ?? 100;
    this.quota = options.quota;
    this.now = options.now ?? Date.now;
    this.keyOf = options.foldCase === false ? (name) => name : (name) => name.toLowerCase();
    this.reset();
  }

  reset(): void {
    this.snapshots.clear();
    this.buckets.clear();
    this.objects.clear();
    this.clusters.clear();
    this.clusters.set(clusterMetadata.CacheClusterId!, clusterMetadata);
    for (const seed of seedSnapshots) {
      const snapshot: Snapshot = { SnapshotName: seed.name, ...clusterMetadata, SnapshotStatus: seed.status, SnapshotSource: seed.source, ARN: snapshotArn(seed.name), NodeSnapshots: nodeSnapshots() };
      this.snapshots.set(this.keyOf(seed.name), { snapshot, tags: seed.tags.map((t) => ({ ...t })) });
    }
    for (const [name, condition] of Object.entries(seedBuckets)) this.buckets.set(name, condition);
    for (const o of seedObjects) this.objects.add(o);
    this.initialNames.clear();
    for (const name of this.snapshots.keys()) this.initialNames.add(name);
  }

  /** The snapshot by name (case-insensitively), with `creating` settled where its time has come. */
  get(name: string): StoredSnapshot | undefined {
    const found = this.snapshots.get(this.keyOf(name));
    if (found && found.snapshot.SnapshotStatus === 'creating' && found.settleAt !== undefined && this.now() >= found.settleAt) {
      found.snapshot = { ...found.snapshot, SnapshotStatus: 'available' };
      delete found.settleAt;
    }
    return found;
  }

  /** Every snapshot, settled, ordered by name (code units: stable across locales). */
  list(): StoredSnapshot[] {
    return [...this.snapshots.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => this.get(k)!);
  }

  put(entry: StoredSnapshot): void {
    this.snapshots.set(this.keyOf(entry.snapshot.SnapshotName!), entry);
  }

  remove(name: string): void {
    this.snapshots.delete(this.keyOf(name));
  }

  manualCount(): number {
    // counted, not listed: a quota check runs on every copy and must not sort the store
    let n = 0;
    for (const s of this.snapshots.values()) if (s.snapshot.SnapshotSource === 'manual') n++;
    return n;
  }
}

export function nodeSnapshots(created = '2026-01-01T05:00:00.000Z'): NonNullable<Snapshot['NodeSnapshots']> {
  return [{ CacheNodeId: '0001', CacheSize: '3 MB', CacheNodeCreateTime: new Date('2026-01-01T00:00:00.000Z'), SnapshotCreateTime: new Date(created) }];
}
