// The reference mock as msw request handlers: one `answer(request)` function over the store, the
// CopySnapshot steps and the other actions. The HTTP server (server.ts) bridges to these same handlers.
import { http, type RequestHandler } from 'msw';
import { decodeCopySnapshot, snapshotXml } from '../harness/codec.js';
import { faults } from '../specs/faults.js';
import { createSnapshot, deleteSnapshot, describeSnapshots, listTagsForResource, type ActionRequest, type ActionResult } from './actions.js';
import { referenceBehaviour, type MockBehaviour } from './behaviour.js';
import { copySnapshot, type CopyStep } from './copy-snapshot.js';
import { responder } from './responses.js';
import { MockStore, type StoreOptions } from './store.js';
import { readWire } from './wire.js';

export { maxBodyBytes } from './wire.js';

export interface MockOptions extends StoreOptions {
  /** match only requests under this URL (default: any URL) */
  baseUrl?: string;
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

export interface ReferenceMock {
  handlers: RequestHandler[];
  store: MockStore;
  /** back to the seeded state */
  reset(): void;
  /** answer one Fetch request: the function the handlers call */
  answer(request: Request): Promise<Response>;
}

// a Map, not a plain object: `Action=__proto__`, `constructor` or `toString` must read as unknown actions
const otherActions = new Map<string, (store: MockStore, request: ActionRequest, b: MockBehaviour) => ActionResult>([
  ['CreateSnapshot', createSnapshot],
  ['DescribeSnapshots', describeSnapshots],
  ['DeleteSnapshot', deleteSnapshot],
  ['ListTagsForResource', listTagsForResource],
]);

export function createReferenceMock(options: MockOptions = {}): ReferenceMock {
  const store = new MockStore(options.preserveCase ? { ...options, foldCase: false } : options);
  const given = options.behaviour ? options.behaviour(referenceBehaviour) : referenceBehaviour;
  const custom: MockBehaviour = options.preserveCase ? { ...given, copyName: (name) => name } : given;
  const b: MockBehaviour = options.steps ? { ...custom, steps: options.steps(custom.steps) } : custom;
  const reply = responder(b);

  const copy = (request: ActionRequest): Response => {
    const { input } = decodeCopySnapshot(request.pairs);
    const outcome = copySnapshot(store, input, b);
    if (outcome.ok) return reply.success('CopySnapshot', snapshotXml(outcome.copy.snapshot));
    b.onRefused?.(store, input, outcome.step);
    return reply.error(outcome.refusal.fault, outcome.refusal.message);
  };

  const answer = async (request: Request): Promise<Response> => {
    try {
      const read = await readWire(request);
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

  const base = options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}/*` : '*';
  const handlers: RequestHandler[] = [http.all(base, ({ request }) => answer(request))];
  return { handlers, store, reset: () => store.reset(), answer };
}

/** A default instance's handlers, for `setupServer(...referenceHandlers)`. */
export const referenceHandlers: RequestHandler[] = createReferenceMock().handlers;
