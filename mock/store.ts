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

/** First index in sorted `keys` whose key is greater than `key` (code-unit order). */
function upperBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MockStore {
  readonly snapshots = new Map<string, StoredSnapshot>();
  /** the keys of `snapshots` in code-unit order, kept sorted on every put/remove: a listing page never sorts the store */
  private readonly sortedKeys: string[] = [];
  /** manual snapshots held, kept on every put/remove: the quota check runs on every copy */
  private manual = 0;
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
    this.sortedKeys.length = 0;
    this.manual = 0;
    this.buckets.clear();
    this.objects.clear();
    this.clusters.clear();
    this.clusters.set(clusterMetadata.CacheClusterId!, clusterMetadata);
    for (const seed of seedSnapshots) {
      const snapshot: Snapshot = { SnapshotName: seed.name, ...clusterMetadata, SnapshotStatus: seed.status, SnapshotSource: seed.source, ARN: snapshotArn(seed.name), NodeSnapshots: nodeSnapshots() };
      this.put({ snapshot, tags: seed.tags.map((t) => ({ ...t })) });
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
    return this.sortedKeys.map((k) => this.get(k)!);
  }

  /**
   * Snapshots in name order whose key is after `marker` (all when undefined) and that `keep` accepts, at most
   * `limit` of them: a page costs a binary search plus the entries it walks, not a pass over the store.
   */
  *after(marker: string | undefined, keep: (s: StoredSnapshot) => boolean = () => true): Generator<StoredSnapshot> {
    for (let i = marker === undefined ? 0 : upperBound(this.sortedKeys, marker); i < this.sortedKeys.length; i++) {
      const found = this.get(this.sortedKeys[i]!)!;
      if (keep(found)) yield found;
    }
  }

  put(entry: StoredSnapshot): void {
    const key = this.keyOf(entry.snapshot.SnapshotName!);
    const before = this.snapshots.get(key);
    if (before) {
      if (before.snapshot.SnapshotSource === 'manual') this.manual--;
    } else this.sortedKeys.splice(upperBound(this.sortedKeys, key), 0, key);
    if (entry.snapshot.SnapshotSource === 'manual') this.manual++;
    this.snapshots.set(key, entry);
  }

  remove(name: string): void {
    const key = this.keyOf(name);
    const before = this.snapshots.get(key);
    if (!before) return;
    if (before.snapshot.SnapshotSource === 'manual') this.manual--;
    this.sortedKeys.splice(upperBound(this.sortedKeys, key) - 1, 1);
    this.snapshots.delete(key);
  }

  manualCount(): number {
    // kept, not counted: a quota check runs on every copy and must not walk the store
    return this.manual;
  }
}

export function nodeSnapshots(created = '2026-01-01T05:00:00.000Z'): NonNullable<Snapshot['NodeSnapshots']> {
  return [{ CacheNodeId: '0001', CacheSize: '3 MB', CacheNodeCreateTime: new Date('2026-01-01T00:00:00.000Z'), SnapshotCreateTime: new Date(created) }];
}
