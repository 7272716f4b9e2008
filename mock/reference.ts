// The reference mock as plain behaviour: one synchronous `answerWire(request)` over the store, the
// CopySnapshot steps and the other actions (form body in, status/headers/XML out). No Fetch, no msw:
// the run-owned embedded target calls it directly, and handlers.ts adapts it to msw for everyone else.
import { decodeCopySnapshot, snapshotXml } from '../protocol/index.js';
import { faults } from '../specs/faults.js';
import { createSnapshot, deleteSnapshot, describeSnapshots, listTagsForResource, type ActionRequest, type ActionResult } from './actions.js';
import { referenceBehaviour, type MockBehaviour } from './behaviour.js';
import { copySnapshot, type CopyStep } from './copy-snapshot.js';
import { responder, type MockAnswer, type Responder } from './responses.js';
import { MockStore, type StoreOptions } from './store.js';
import { readWire, type MockRequest } from './wire.js';

export interface ReferenceOptions extends StoreOptions {
  /** replace, remove or reorder CopySnapshot validation steps (planted-bug variants) */
  steps?: (steps: readonly CopyStep[]) => readonly CopyStep[];
  /** change any other detail of the behaviour (planted-bug variants) */
  behaviour?: (reference: MockBehaviour) => MockBehaviour;
  /**
   * Keep snapshot names as given, unique case-sensitively, as moto does (ElastiCache lowercases them).
   * Not conforming: it is there so the suite's cleanup can be tried on a case-preserving endpoint.
   */
  preserveCase?: boolean;
}

export interface MockCore {
  store: MockStore;
  /** back to the seeded state */
  reset(): void;
  /** answer one request given as plain data, synchronously */
  answerWire(request: MockRequest): MockAnswer;
  /** the answers of this behaviour (the msw adapter answers its own failures with it) */
  reply: Responder;
}

// a Map, not a plain object: `Action=__proto__`, `constructor` or `toString` must read as unknown actions
const otherActions = new Map<string, (store: MockStore, request: ActionRequest, b: MockBehaviour) => ActionResult>([
  ['CreateSnapshot', createSnapshot],
  ['DescribeSnapshots', describeSnapshots],
  ['DeleteSnapshot', deleteSnapshot],
  ['ListTagsForResource', listTagsForResource],
]);

export function createMockCore(options: ReferenceOptions = {}): MockCore {
  const store = new MockStore(options.preserveCase ? { ...options, foldCase: false } : options);
  const given = options.behaviour ? options.behaviour(referenceBehaviour) : referenceBehaviour;
  const custom: MockBehaviour = options.preserveCase ? { ...given, copyName: (name) => name } : given;
  const b: MockBehaviour = options.steps ? { ...custom, steps: options.steps(custom.steps) } : custom;
  const reply = responder(b);

  const copy = (request: ActionRequest): MockAnswer => {
    const { input } = decodeCopySnapshot(request.pairs);
    const outcome = copySnapshot(store, input, b);
    if (outcome.ok) return reply.success('CopySnapshot', snapshotXml(outcome.copy.snapshot));
    b.onRefused?.(store, input, outcome.step);
    return reply.error(outcome.refusal.fault, outcome.refusal.message);
  };

  const answerWire = (request: MockRequest): MockAnswer => {
    try {
      const read = readWire(request);
      const pairs = read.pairs ?? [];
      if (b.crashesOn && decodeCopySnapshot(pairs).action === 'CopySnapshot' && b.crashesOn(decodeCopySnapshot(pairs).input, pairs)) return reply.internalFailure();
      if (!read.ok) return reply.error(read.fault, read.message);
      if (read.action === 'CopySnapshot') return copy(read);
      const action = otherActions.get(read.action);
      if (!action) return reply.error(faults.InvalidAction, `The action ${read.action} is not valid for this web service.`);
      const result = action(store, read, b);
      return result.ok ? reply.success(read.action, result.resultXml) : reply.error(result.fault, result.message);
    } catch {
      // a genuine bug of the mock: answer as the protocol would, never crash the transport or leak details
      return reply.internalFailure();
    }
  };

  return { store, reset: () => store.reset(), answerWire, reply };
}
