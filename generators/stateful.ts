// The stateful model: sequences of copies, deletes and waits against a model of snapshot names
// (lowercased) and states. Every copy is judged by the oracle against the model's state; then
// DescribeSnapshots must agree with the model. A race: two concurrent copies onto one name.
// Failures throw an Error whose message starts with the rule ID they break.
import fc from 'fast-check';
import { contract } from '../specs/contract.js';
import { ruleById } from '../specs/rules.js';
import type { CopySnapshotInput, Fixtures } from '../specs/types.js';
import { answerMatches, copyState, expectedOutcome, showOutcomes, stateFromFixtures, type EndpointState } from './oracle.js';

export interface DriverAnswer {
  status?: number;
  code?: string;
  snapshotName?: string;
  snapshotStatus?: string;
  /** set when there was no usable answer (transport failure, malformed response) */
  problem?: string;
}

/** What the model needs from an endpoint; the harness implements it over any target. */
export interface EndpointDriver {
  copy(input: CopySnapshotInput): Promise<DriverAnswer>;
  describe(name: string): Promise<{ exists: boolean; status?: string; problem?: string }>;
  remove(name: string): Promise<DriverAnswer>;
  waitAvailable(name: string): Promise<boolean>;
}

export interface StatefulOptions {
  fixtures: Fixtures;
  /** every name a command uses starts with this (the run's ownership prefix) */
  prefix: string;
  /** most commands per sequence (default 12) */
  maxCommands?: number;
  /** what the endpoint holds besides the sequence's own names (default: the fixtures) */
  state?: EndpointState;
}

const MODEL = 'post-state.model-sequence';
const LISTED = 'post-state.accepted-is-listed';
const UNCHANGED = 'post-state.refused-changes-nothing';
const RETURNS = 'post-state.returns-the-copy';
const RACE = 'uniqueness.concurrent-copies';
/** Names per sequence: few, so that commands meet each other's names. */
const slots = 3;
let sequenceCounter = 0;

type Status = 'creating' | 'available';

/** The model: the sequence's own snapshots (lowercased name → status) and the names it deleted. */
export class SnapshotModel {
  readonly own = new Map<string, Status>();
  readonly deleted = new Set<string>();
  constructor(
    /** prefix of this sequence's names: `<run prefix>s<n>-` */
    readonly tag: string,
    /** the rest of the endpoint (fixtures) */
    readonly base: EndpointState,
  ) {}
  name(slot: number): string {
    return `${this.tag}m${slot}`;
  }
  key(slot: number): string {
    return this.name(slot).toLowerCase();
  }
  status(slot: number): Status | undefined {
    return this.own.get(this.key(slot));
  }
  /** The oracle's view: the fixtures plus the sequence's snapshots (which count against a quota). */
  state(): EndpointState {
    const s = copyState(this.base);
    for (const [k, status] of this.own) s.snapshots.set(k, status);
    if (s.quota) s.quota.used += this.own.size;
    return s;
  }
}

function show(a: DriverAnswer): string {
  return a.problem ? `no usable answer (${a.problem})` : `${a.status ?? '?'}${a.code ? ` ${a.code}` : ''}`;
}

/** DescribeSnapshots must show `name` exactly when `listed`; `rule` is the rule a disagreement breaks. */
async function expectListed(real: EndpointDriver, name: string, listed: boolean, rule: string, after: string): Promise<void> {
  const found = await real.describe(name);
  if (found.problem) throw new Error(`${rule}: DescribeSnapshots ${name} after ${after}: ${found.problem}`);
  if (found.exists !== listed) throw new Error(`${rule}: after ${after}, DescribeSnapshots ${listed ? 'does not list' : 'lists'} ${name}`);
}

/**
 * Send a copy and judge the answer by the oracle in the model's state (unless `excuse` explains
 * the answer); on success the target joins the model. Then DescribeSnapshots must list the target exactly when the model holds it.
 */
async function copyAndCheck(m: SnapshotModel, real: EndpointDriver, input: CopySnapshotInput, what: string, excuse?: (a: DriverAnswer) => Promise<boolean>): Promise<DriverAnswer> {
  const expectation = expectedOutcome(contract, m.state(), input);
  const rule = expectation.broken[0] ?? MODEL;
  const answer = await real.copy(input);
  if (answer.problem) throw new Error(`${rule}: ${what}: ${show(answer)}`);
  if (!answerMatches(answer, expectation.outcomes) && !(await excuse?.(answer))) throw new Error(`${rule}: ${what}: got ${show(answer)}, expected ${showOutcomes(expectation.outcomes)}`);
  const target = input.TargetSnapshotName!;
  const key = target.toLowerCase();
  if (answer.status === 200) {
    if (answer.snapshotName !== undefined && answer.snapshotName !== key) throw new Error(`${RETURNS}: ${what}: the copy is named ${answer.snapshotName}, expected ${key}`);
    if (key.startsWith(m.tag.toLowerCase())) {
      m.own.set(key, 'creating');
      m.deleted.delete(key);
    }
  }
  const held = m.own.has(key);
  await expectListed(real, target, held, answer.status === 200 ? LISTED : UNCHANGED, what);
  return answer;
}

/**
 * Wait until `name` is available. When the wait gives up, the failure says what DescribeSnapshots shows then:
 * still creating (the endpoint is slow or stuck), not listed (it lost the copy), or no usable answer.
 */
async function waitOrFail(real: EndpointDriver, name: string, purpose = ''): Promise<void> {
  if (await real.waitAvailable(name)) return;
  const seen = await real.describe(name);
  if (!seen.problem && seen.exists && seen.status === 'available') return; // it got there just after the wait's last look
  const shows = seen.problem
    ? `DescribeSnapshots gives no usable answer (${seen.problem})`
    : seen.exists
      ? `DescribeSnapshots still shows it ${seen.status ?? 'without a status'}`
      : 'DescribeSnapshots no longer lists it';
  throw new Error(`${MODEL}: ${name} never became available${purpose} (at the end of the wait ${shows})`);
}

type Cmd = fc.AsyncCommand<SnapshotModel, EndpointDriver>;
type Slots = readonly [slot: number, other: number];

const allSlots = Array.from({ length: slots }, (_, i) => i);
const freeSlots = (m: Readonly<SnapshotModel>) => allSlots.filter((i) => !m.own.has(m.key(i)));

/**
 * A command on the sequence's names. `candidates` lists the (slot, other slot) pairs it can act on in
 * the model's state; `pick` chooses one. So a command applies whenever any pair does, and sequences
 * rarely waste a command (fast-check skips commands whose check fails).
 */
abstract class SlotCommand implements Cmd {
  private acted = '';
  abstract readonly label: string;
  constructor(readonly pick: number) {}
  abstract candidates(m: Readonly<SnapshotModel>): Slots[];
  abstract act(m: SnapshotModel, real: EndpointDriver, slots: Slots): Promise<void>;
  check(m: Readonly<SnapshotModel>): boolean {
    return this.candidates(m).length > 0;
  }
  async run(m: SnapshotModel, real: EndpointDriver): Promise<void> {
    const c = this.candidates(m);
    const chosen = c[this.pick % c.length]!;
    this.acted = this.describeSlots(chosen);
    await this.act(m, real, chosen);
  }
  describeSlots([a]: Slots): string {
    return `m${a}`;
  }
  toString(): string {
    return `${this.label}(${this.acted || '…'})`;
  }
}

const pairs = (sources: number[], targets: (source: number) => number[]): Slots[] => sources.flatMap((a) => targets(a).map((b) => [a, b] as const));
const single = (list: number[]): Slots[] => list.map((i) => [i, i] as const);

/** A copy of the source fixture onto a name no snapshot holds and none held. */
class CopyToFreshName extends SlotCommand {
  readonly label = 'copyToFresh';
  constructor(readonly source: string, pick: number) {
    super(pick);
  }
  candidates = (m: Readonly<SnapshotModel>) => single(freeSlots(m).filter((i) => !m.deleted.has(m.key(i))));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    await copyAndCheck(m, real, { SourceSnapshotName: this.source, TargetSnapshotName: m.name(slot) }, `copy to the fresh name ${m.name(slot)}`);
  };
}

/** A copy onto a name the sequence made: refused, and the existing snapshot stays. */
class CopyOntoExistingName extends SlotCommand {
  readonly label = 'copyOntoExisting';
  constructor(readonly source: string, pick: number) {
    super(pick);
  }
  candidates = (m: Readonly<SnapshotModel>) => single(allSlots.filter((i) => m.own.has(m.key(i))));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    await copyAndCheck(m, real, { SourceSnapshotName: this.source, TargetSnapshotName: m.name(slot) }, `copy onto the existing name ${m.name(slot)}`);
  };
}

/** A copy onto an existing name in other letter case (`…-M0` for `…-m0`): the same name. */
class CopyOntoCaseVariant extends SlotCommand {
  readonly label = 'copyOntoCaseVariant';
  constructor(readonly source: string, pick: number) {
    super(pick);
  }
  candidates = (m: Readonly<SnapshotModel>) => single(allSlots.filter((i) => m.own.has(m.key(i))));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    const variant = `${m.tag}M${slot}`;
    await copyAndCheck(m, real, { SourceSnapshotName: this.source, TargetSnapshotName: variant }, `copy onto ${variant}, a case variant of ${m.name(slot)}`);
  };
}

/** A copy of an available snapshot onto its own name. */
class CopyOntoItself extends SlotCommand {
  readonly label = 'copyOntoItself';
  candidates = (m: Readonly<SnapshotModel>) => single(allSlots.filter((i) => m.status(i) === 'available'));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    const name = m.name(slot);
    await copyAndCheck(m, real, { SourceSnapshotName: name, TargetSnapshotName: name }, `copy of ${name} onto itself`);
  };
}

/** Wait until a snapshot the sequence made is available. */
class WaitUntilAvailable extends SlotCommand {
  readonly label = 'waitAvailable';
  candidates = (m: Readonly<SnapshotModel>) => single(allSlots.filter((i) => m.status(i) === 'creating'));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    const name = m.name(slot);
    await waitOrFail(real, name);
    m.own.set(m.key(slot), 'available');
  };
}

/** Delete a snapshot the sequence made (once available, as AWS requires): it is gone. */
class DeleteSnapshot extends SlotCommand {
  readonly label = 'delete';
  candidates = (m: Readonly<SnapshotModel>) => single(allSlots.filter((i) => m.own.has(m.key(i))));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    const name = m.name(slot);
    await waitOrFail(real, name, ' to delete');
    const answer = await real.remove(name);
    if (answer.status !== 200) throw new Error(`${MODEL}: delete of ${name}: got ${show(answer)}, expected 200`);
    m.own.delete(m.key(slot));
    m.deleted.add(m.key(slot));
    await expectListed(real, name, false, MODEL, `the delete of ${name}`);
  };
}

/** A copy from a deleted snapshot: the source is not found, nothing is made. */
class CopyFromDeletedSnapshot extends SlotCommand {
  readonly label = 'copyFromDeleted';
  candidates = (m: Readonly<SnapshotModel>) => pairs(allSlots.filter((i) => m.deleted.has(m.key(i)) && !m.own.has(m.key(i))), () => freeSlots(m));
  act = async (m: SnapshotModel, real: EndpointDriver, [from, to]: Slots) => {
    const source = m.name(from);
    await copyAndCheck(m, real, { SourceSnapshotName: source, TargetSnapshotName: m.name(to) }, `copy from the deleted ${source}`);
  };
  override describeSlots = ([a, b]: Slots) => `m${a} → m${b}`;
}

/** A copy onto a name the sequence deleted: the name is free again. */
class ReuseDeletedName extends SlotCommand {
  readonly label = 'reuseDeletedName';
  constructor(readonly source: string, pick: number) {
    super(pick);
  }
  candidates = (m: Readonly<SnapshotModel>) => single(freeSlots(m).filter((i) => m.deleted.has(m.key(i))));
  act = async (m: SnapshotModel, real: EndpointDriver, [slot]: Slots) => {
    await copyAndCheck(m, real, { SourceSnapshotName: this.source, TargetSnapshotName: m.name(slot) }, `copy onto the deleted name ${m.name(slot)}`);
  };
}

/**
 * A copy from a snapshot the model still has as `creating`. The endpoint may have finished it
 * meanwhile, so the model first takes the status DescribeSnapshots shows; a success the oracle did
 * not expect is explained only if the source is available by then (it finished between look and copy).
 */
class CopyFromCreatingSnapshot extends SlotCommand {
  readonly label = 'copyFromCreating';
  candidates = (m: Readonly<SnapshotModel>) => pairs(allSlots.filter((i) => m.status(i) === 'creating'), (a) => freeSlots(m).filter((b) => b !== a));
  act = async (m: SnapshotModel, real: EndpointDriver, [from, to]: Slots) => {
    const source = m.name(from);
    const refresh = async () => {
      const seen = await real.describe(source);
      if (seen.status === 'available') m.own.set(m.key(from), 'available');
      return seen.status;
    };
    await refresh();
    const finishedMeanwhile = async (a: DriverAnswer) => a.status === 200 && m.status(from) === 'creating' && (await refresh()) === 'available';
    await copyAndCheck(m, real, { SourceSnapshotName: source, TargetSnapshotName: m.name(to) }, `copy from ${source} while it is ${m.status(from)}`, finishedMeanwhile);
  };
  override describeSlots = ([a, b]: Slots) => `m${a} → m${b}`;
}

/** The commands over `slots` names, for `fc.commands`. */
export function modelCommands(options: StatefulOptions): fc.Arbitrary<Iterable<Cmd>> {
  const source = options.fixtures.sourceSnapshot ?? '';
  const pick = fc.nat(slots * slots);
  return fc.commands(
    [
      pick.map((p) => new CopyToFreshName(source, p)),
      pick.map((p) => new CopyOntoExistingName(source, p)),
      pick.map((p) => new CopyOntoCaseVariant(source, p)),
      pick.map((p) => new CopyOntoItself(p)),
      pick.map((p) => new WaitUntilAvailable(p)),
      pick.map((p) => new DeleteSnapshot(p)),
      pick.map((p) => new CopyFromDeletedSnapshot(p)),
      pick.map((p) => new ReuseDeletedName(source, p)),
      pick.map((p) => new CopyFromCreatingSnapshot(p)),
    ],
    { maxCommands: options.maxCommands ?? 12 },
  );
}

/** post-state.model-sequence: every answer and what DescribeSnapshots shows agree with the model. */
export function modelSequenceProperty(driver: EndpointDriver, options: StatefulOptions): fc.IAsyncProperty<[Iterable<Cmd>]> {
  if (!options.fixtures.sourceSnapshot) throw new Error('the stateful model needs a source snapshot (fixtures.sourceSnapshot)');
  const base = options.state ?? stateFromFixtures(options.fixtures);
  return fc.asyncProperty(modelCommands(options), async (cmds) => {
    // each run (shrinking replays too) gets names of its own: earlier runs' snapshots stay out of its way
    const tag = `${options.prefix}s${(++sequenceCounter).toString(36)}-`;
    await fc.asyncModelRun(() => ({ model: new SnapshotModel(tag, base), real: driver }), cmds);
  });
}

/** uniqueness.concurrent-copies: of two concurrent copies onto one fresh name, exactly one succeeds. */
export function concurrentCopiesProperty(driver: EndpointDriver, options: StatefulOptions): fc.IAsyncProperty<[fc.Scheduler]> {
  const source = options.fixtures.sourceSnapshot ?? '';
  const refusal = ruleById(RACE).expect.filter((o) => o.status !== 200);
  return fc.asyncProperty(fc.scheduler(), async (s) => {
    const target = `${options.prefix}race${(++sequenceCounter).toString(36)}`;
    const input = { SourceSnapshotName: source, TargetSnapshotName: target };
    // both requests are in flight together; the scheduler picks the order their answers are taken in
    const copies = [s.schedule(driver.copy(input), 'copy A'), s.schedule(driver.copy(input), 'copy B')];
    // both outcomes are taken at once: a copy that throws (a full quota stops the run) leaves no rejection unhandled
    const outcomes = Promise.allSettled(copies);
    await s.waitIdle();
    const settled = await outcomes;
    const thrown = settled.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (thrown) throw thrown.reason;
    const answers = settled.map((o) => (o as PromiseFulfilledResult<DriverAnswer>).value);
    const accepted = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status !== 200 && answerMatches(a, refusal)).length;
    if (accepted !== 1 || refused !== 1)
      throw new Error(`${RACE}: two concurrent copies onto ${target} got ${answers.map(show).join(' and ')}; expected exactly one 200 and one ${showOutcomes(refusal)}`);
    await expectListed(driver, target, true, LISTED, `the race onto ${target}`);
  });
}
