// The stateful model: sequences of copies, deletes and waits against a model of snapshot names
// (lowercased) and states; and a race of two copies onto one name.
import fc from 'fast-check';
import type { CopySnapshotInput, Fixtures } from '../specs/types.js';

export interface DriverAnswer {
  status?: number;
  code?: string;
  snapshotName?: string;
  snapshotStatus?: string;
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
  /** most commands per sequence */
  maxCommands?: number;
}

const RULE = 'post-state.model-sequence';
const slots = 3;
let sequenceCounter = 0;

class SnapshotModel {
  readonly names = new Map<string, 'creating' | 'available'>();
  readonly deleted = new Set<string>();
  constructor(readonly tag: string) {}
  name(slot: number): string {
    return `${this.tag}m${slot}`;
  }
}

function show(a: DriverAnswer): string {
  return a.problem ? `no usable answer (${a.problem})` : `${a.status ?? '?'}${a.code ? ` ${a.code}` : ''}`;
}

function expectOk(a: DriverAnswer, what: string): void {
  if (a.status !== 200) throw new Error(`${RULE}: ${what} was refused: ${show(a)}, expected 200`);
}

function expectCode(a: DriverAnswer, codes: string[], what: string): void {
  if (a.status === undefined || a.status < 400 || a.status >= 500 || !codes.includes(a.code ?? ''))
    throw new Error(`${RULE}: ${what}: got ${show(a)}, expected ${codes.join(' or ')}`);
}

async function expectListed(real: EndpointDriver, name: string, listed: boolean): Promise<void> {
  const found = await real.describe(name);
  if (found.problem) throw new Error(`${RULE}: DescribeSnapshots ${name}: ${found.problem}`);
  if (found.exists !== listed) throw new Error(`${RULE}: DescribeSnapshots ${listed ? 'does not list' : 'still lists'} ${name}`);
}

type Cmd = fc.AsyncCommand<SnapshotModel, EndpointDriver>;

class CopyToSlot implements Cmd {
  constructor(readonly source: string, readonly slot: number) {}
  check = () => true;
  async run(m: SnapshotModel, real: EndpointDriver) {
    const target = m.name(this.slot);
    const answer = await real.copy({ SourceSnapshotName: this.source, TargetSnapshotName: target });
    if (m.names.has(target)) expectCode(answer, ['SnapshotAlreadyExistsFault'], `copy onto the existing name ${target}`);
    else {
      expectOk(answer, `copy to the fresh name ${target}${m.deleted.has(target) ? ' (a deleted name, reused)' : ''}`);
      m.names.set(target, 'creating');
      m.deleted.delete(target);
    }
    await expectListed(real, target, true);
  }
  toString = () => `copy(source → m${this.slot})`;
}

class CopyCaseVariant implements Cmd {
  constructor(readonly source: string, readonly slot: number) {}
  check = (m: Readonly<SnapshotModel>) => m.names.has(m.name(this.slot));
  async run(m: SnapshotModel, real: EndpointDriver) {
    const target = m.name(this.slot);
    const variant = target.slice(0, -2) + target.slice(-2).toUpperCase();
    expectCode(await real.copy({ SourceSnapshotName: this.source, TargetSnapshotName: variant }), ['SnapshotAlreadyExistsFault'], `copy onto ${variant}, a case variant of ${target}`);
    await expectListed(real, target, true);
  }
  toString = () => `copyCaseVariant(source → M${this.slot})`;
}

class CopyOntoItself implements Cmd {
  constructor(readonly slot: number) {}
  check = (m: Readonly<SnapshotModel>) => m.names.get(m.name(this.slot)) === 'available';
  async run(m: SnapshotModel, real: EndpointDriver) {
    const name = m.name(this.slot);
    expectCode(await real.copy({ SourceSnapshotName: name, TargetSnapshotName: name }), ['SnapshotAlreadyExistsFault'], `copy of ${name} onto itself`);
  }
  toString = () => `copySelf(m${this.slot})`;
}

class WaitAvailable implements Cmd {
  constructor(readonly slot: number) {}
  check = (m: Readonly<SnapshotModel>) => m.names.has(m.name(this.slot));
  async run(m: SnapshotModel, real: EndpointDriver) {
    const name = m.name(this.slot);
    if (!(await real.waitAvailable(name))) throw new Error(`${RULE}: ${name} never became available`);
    m.names.set(name, 'available');
  }
  toString = () => `wait(m${this.slot})`;
}

class Delete implements Cmd {
  constructor(readonly slot: number) {}
  check = (m: Readonly<SnapshotModel>) => m.names.has(m.name(this.slot));
  async run(m: SnapshotModel, real: EndpointDriver) {
    const name = m.name(this.slot);
    if (!(await real.waitAvailable(name))) throw new Error(`${RULE}: ${name} never became available to delete`);
    expectOk(await real.remove(name), `delete of ${name}`);
    m.names.delete(name);
    m.deleted.add(name);
    await expectListed(real, name, false);
  }
  toString = () => `delete(m${this.slot})`;
}

class CopyFromDeleted implements Cmd {
  constructor(readonly slot: number, readonly to: number) {}
  check = (m: Readonly<SnapshotModel>) => m.deleted.has(m.name(this.slot)) && !m.names.has(m.name(this.to));
  async run(m: SnapshotModel, real: EndpointDriver) {
    const source = m.name(this.slot);
    expectCode(await real.copy({ SourceSnapshotName: source, TargetSnapshotName: m.name(this.to) }), ['SnapshotNotFoundFault'], `copy from the deleted ${source}`);
    await expectListed(real, m.name(this.to), false);
  }
  toString = () => `copyFromDeleted(m${this.slot} → m${this.to})`;
}

class CopyFromCreating implements Cmd {
  constructor(readonly slot: number, readonly to: number) {}
  check = (m: Readonly<SnapshotModel>) => m.names.get(m.name(this.slot)) === 'creating' && !m.names.has(m.name(this.to)) && this.slot !== this.to;
  async run(m: SnapshotModel, real: EndpointDriver) {
    const source = m.name(this.slot);
    const target = m.name(this.to);
    const before = await real.describe(source);
    const answer = await real.copy({ SourceSnapshotName: source, TargetSnapshotName: target });
    if (before.status === 'creating' && answer.status !== 200) expectCode(answer, ['InvalidSnapshotState'], `copy from ${source} while it is creating`);
    else if (before.status === 'creating' && answer.status === 200) {
      // it may have become available between the look and the copy: accept, and track the copy
      m.names.set(target, 'creating');
    } else if (answer.status === 200) m.names.set(target, 'creating');
    else expectCode(answer, ['InvalidSnapshotState'], `copy from ${source}`);
  }
  toString = () => `copyFromCreating(m${this.slot} → m${this.to})`;
}

export function modelCommands(options: StatefulOptions): fc.Arbitrary<Iterable<Cmd>> {
  const source = options.fixtures.sourceSnapshot ?? '';
  const slot = fc.nat(slots - 1);
  return fc.commands(
    [
      slot.map((s) => new CopyToSlot(source, s)),
      slot.map((s) => new CopyCaseVariant(source, s)),
      slot.map((s) => new CopyOntoItself(s)),
      slot.map((s) => new WaitAvailable(s)),
      slot.map((s) => new Delete(s)),
      fc.tuple(slot, slot).map(([a, b]) => new CopyFromDeleted(a, b)),
      fc.tuple(slot, slot).map(([a, b]) => new CopyFromCreating(a, b)),
    ],
    { maxCommands: options.maxCommands ?? 8 },
  );
}

/** post-state.model-sequence: every command's answer and what DescribeSnapshots shows agree with the model. */
export function modelSequenceProperty(driver: EndpointDriver, options: StatefulOptions): fc.IAsyncProperty<[Iterable<Cmd>]> {
  if (!options.fixtures.sourceSnapshot) throw new Error('the stateful model needs a source snapshot');
  return fc.asyncProperty(modelCommands(options), async (cmds) => {
    const tag = `${options.prefix}s${(++sequenceCounter).toString(36)}-`;
    await fc.asyncModelRun(() => ({ model: new SnapshotModel(tag), real: driver }), cmds);
  });
}

/** uniqueness.concurrent-copies: of two concurrent copies onto one fresh name, exactly one succeeds. */
export function concurrentCopiesProperty(driver: EndpointDriver, options: StatefulOptions): fc.IAsyncProperty<[fc.Scheduler]> {
  const source = options.fixtures.sourceSnapshot ?? '';
  return fc.asyncProperty(fc.scheduler(), async (s) => {
    const target = `${options.prefix}race${(++sequenceCounter).toString(36)}`;
    const copies = [s.schedule(driver.copy({ SourceSnapshotName: source, TargetSnapshotName: target })), s.schedule(driver.copy({ SourceSnapshotName: source, TargetSnapshotName: target }))];
    await s.waitAll();
    const answers = await Promise.all(copies);
    const ok = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 400 && a.code === 'SnapshotAlreadyExistsFault').length;
    if (ok !== 1 || refused !== 1)
      throw new Error(`uniqueness.concurrent-copies: two concurrent copies onto ${target} got ${answers.map(show).join(' and ')}; expected exactly one 200 and one SnapshotAlreadyExistsFault`);
  });
}
