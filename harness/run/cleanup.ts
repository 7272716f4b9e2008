// Delete what a run created, and nothing else, on any endpoint: names are matched by the run's
// prefix case-insensitively and deleted under the spelling the endpoint stored. A name is marked
// deleted in the ledger only once DescribeSnapshots no longer lists it.
import type { Snapshot } from '@aws-sdk/client-elasticache';
import type { RunContext } from './context.js';
import { deleteSnapshot, describeSnapshot, listPaged, type DeleteResult } from './endpoint-ops.js';
import type { NameState } from './ledger.js';
import { mapLimit } from './map-limit.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deletes in flight at once: enough to finish hundreds in seconds, few enough not to trip throttling. */
const parallelDeletes = 8;
/** Pages of 50 read per listing (10,000 snapshots); past that, names are confirmed one by one. */
const listingPages = 200;

export interface CleanupOutcome {
  /** DeleteSnapshot calls that succeeded */
  deleted: number;
  /** names of this run the endpoint no longer has (deleted now or never created) */
  confirmedGone: number;
  /** names still there at the deadline, or whose deletion failed */
  left: string[];
  /** why a name is left, one line each */
  problems: string[];
}

type CleanupContext = Pick<RunContext, 'target' | 'namePrefix' | 'ledger'>;

/** This run's snapshots as the endpoint lists them; undefined when listing is not possible. */
async function listOwned(ctx: CleanupContext): Promise<{ snapshots: Snapshot[]; complete: boolean } | undefined> {
  try {
    const all = await listPaged(ctx.target, listingPages);
    return { snapshots: all.snapshots.filter((s) => isOurs(ctx, s.SnapshotName)), complete: all.complete };
  } catch {
    return undefined;
  }
}

function isOurs(ctx: CleanupContext, name: string | undefined): name is string {
  return name !== undefined && name.toLowerCase().startsWith(ctx.namePrefix);
}

const settled = (s: Snapshot) => s.SnapshotStatus === 'deleting';

/** The spellings a name may be stored under: as sent, and lowercase (what ElastiCache stores). */
const spellings = (name: string) => [...new Set([name, name.toLowerCase()])];

/**
 * Delete everything of this run that may exist. With a listing, what it lists is deleted and what it no
 * longer lists is confirmed gone; names the ledger says were created (or whose outcome is unknown) are
 * deleted by name as well where the listing may lag (AWS) or is incomplete. `busy` snapshots (still
 * creating) are retried until one shared deadline, so a snapshot that never settles cannot hold the run.
 */
export async function cleanupOwned(
  ctx: CleanupContext,
  known: Map<string, NameState> = ctx.ledger.known(),
  waitMs = ctx.target.isAws ? 15 * 60_000 : 10_000,
): Promise<CleanupOutcome> {
  const client = ctx.target;
  const deadline = Date.now() + waitMs;
  const names = [...known].filter(([name]) => isOurs(ctx, name)); // never touch what is not ours
  const mayExist = names.filter(([, state]) => state !== 'refused').map(([name]) => name);
  const problems = new Map<string, string>();
  let deleted = 0;

  const remove = async (name: string): Promise<DeleteResult> => {
    const outcome = await deleteSnapshot(client, name).catch((e: unknown) => ({ problem: String(e) }));
    if (outcome === 'deleted') deleted++;
    if (typeof outcome === 'object') problems.set(name, outcome.problem);
    else problems.delete(name);
    return outcome;
  };

  let listing = await listOwned(ctx);
  const trustListing = listing?.complete === true && !ctx.target.isAws;
  const first = new Set<string>(listing?.snapshots.filter((s) => !settled(s)).map((s) => s.SnapshotName!) ?? []);
  const listed = new Set([...first].map((n) => n.toLowerCase()));
  if (!trustListing) {
    for (const name of mayExist) if (!listed.has(name.toLowerCase())) for (const spelling of spellings(name)) first.add(spelling);
  } else {
    // a copy answered 200 that the listing does not show (an endpoint may leave `creating` ones out of a
    // listing) is looked up by name: absence from a listing alone is not proof that it is gone
    const unlisted = names.filter(([name, state]) => state === 'created' && !listed.has(name.toLowerCase())).map(([name]) => name);
    for (const name of await stillThere(ctx, unlisted.flatMap(spellings))) first.add(name);
  }
  let busy = (await mapLimit([...first], parallelDeletes, async (name) => ((await remove(name)) === 'busy' ? name : undefined))).filter((n): n is string => n !== undefined);

  // Confirm: list again (or look each name up) until nothing of ours is left or the deadline passes.
  let remaining: string[] = [];
  // rounds in which the endpoint answered nothing at all: it is gone, and waiting for the deadline helps no one
  let silentRounds = 0;
  for (let delay = 100; ; delay = Math.min(delay * 2, 10_000)) {
    listing = await listOwned(ctx);
    const unknown = new Set<string>();
    if (listing) {
      remaining = listing.snapshots.filter((s) => !settled(s)).map((s) => s.SnapshotName!);
      const shown = new Set(remaining.map((n) => n.toLowerCase()));
      // what the listing may not show (incomplete, or names deleted by name above) is looked up by name
      const unshown = listing.complete ? [...first].filter((n) => !listed.has(n.toLowerCase()) && !shown.has(n.toLowerCase())) : [...first];
      remaining.push(...(await stillThere(ctx, unshown, unknown)));
    } else remaining = await stillThere(ctx, [...first, ...busy], unknown);
    silentRounds = !listing && remaining.length > 0 && remaining.every((n) => unknown.has(n)) ? silentRounds + 1 : 0;
    if (silentRounds >= 3) {
      for (const n of remaining) problems.set(n, `${n}: the endpoint does not answer (run cleanup again when it is back)`);
      break;
    }
    if (remaining.length === 0 || Date.now() + delay > deadline) break;
    await sleep(delay);
    busy = (await mapLimit(remaining, parallelDeletes, async (name) => ((await remove(name)) === 'busy' ? name : undefined))).filter((n): n is string => n !== undefined);
  }

  const left = new Set(remaining.map((n) => n.toLowerCase()));
  let confirmedGone = 0;
  for (const [name] of names) {
    // unconfirmable without a listing: a refusal the endpoint never lists is not marked, nor counted as left
    const confirmed = listing ? !left.has(name.toLowerCase()) : first.has(name) && !left.has(name.toLowerCase());
    if (confirmed) {
      ctx.ledger.deleted(name);
      confirmedGone++;
    }
  }
  return {
    deleted,
    confirmedGone,
    left: remaining,
    problems: remaining.map((n) => (problems.has(n) ? problems.get(n)! : `${n}: still listed after the deadline`)),
  };
}

/** Names DescribeSnapshots still finds (exact spelling, then lowercase). */
async function stillThere(ctx: CleanupContext, names: string[], unknown?: Set<string>): Promise<string[]> {
  const client = ctx.target;
  const found = await mapLimit(names, parallelDeletes, async (name) => {
    const lookup = await describeSnapshot(client, name);
    if ('problem' in lookup) {
      unknown?.add(name);
      return name; // unknown counts as there: never claim a delete not seen
    }
    return lookup.exists && !settled(lookup.snapshot) ? lookup.snapshot.SnapshotName ?? name : undefined;
  });
  return [...new Set(found.filter((n): n is string => n !== undefined))];
}
