// The reference mock as msw request handlers: plain data over one `answer(request)` function.
import { randomUUID } from 'node:crypto';
import { http, type RequestHandler } from 'msw';
import { faults } from '../specs/faults.js';
import { service } from '../specs/members.js';
import type { Fault } from '../specs/types.js';
import { decodeCopySnapshot, errorXml, paramsOf, parseForm, snapshotXml, successXml } from '../harness/codec.js';
import { createSnapshot, deleteSnapshot, describeSnapshots, listTagsForResource, type ActionResult } from './actions.js';
import { referenceBehaviour, type MockBehaviour } from './behaviour.js';
import { copySnapshot } from './copy-snapshot.js';
import { MockStore, type StoreOptions } from './store.js';

export const maxBodyBytes = 1024 * 1024;

export interface MockOptions extends StoreOptions {
  /** match only requests under this URL (default: any) */
  baseUrl?: string;
  /** change the behaviour: used by the planted-bug variants */
  behaviour?: (reference: MockBehaviour) => MockBehaviour;
}

export interface ReferenceMock {
  handlers: RequestHandler[];
  store: MockStore;
  reset(): void;
  /** answer one Fetch request (the same function the handlers call) */
  answer(request: Request): Promise<Response>;
}

const xmlHeaders = (requestId: string) => ({ 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
const wireFault = (code: string, status: number): Fault => ({ shape: code, code, status, type: 'Sender', scope: 'common', doc: '', sources: [] });

export function createReferenceMock(options: MockOptions = {}): ReferenceMock {
  const store = new MockStore(options);
  const b = options.behaviour ? options.behaviour(referenceBehaviour) : referenceBehaviour;

  const error = (fault: Fault, message: string): Response => {
    const requestId = randomUUID();
    const body = errorXml({ type: b.errorType(fault) as 'Sender', code: b.faultCode(fault), message, requestId });
    return new Response(b.errorHasRequestId ? body : body.replace(/<RequestId>[^<]*<\/RequestId>/, ''), { status: b.faultStatus(fault), headers: xmlHeaders(requestId) });
  };
  const success = (action: string, resultXml: string): Response => {
    const requestId = randomUUID();
    let body = successXml(action, resultXml, requestId);
    if (action === 'CopySnapshot' && b.successNamespace !== service.namespace) body = body.replace(service.namespace, b.successNamespace);
    return new Response(body, { status: 200, headers: xmlHeaders(requestId) });
  };
  const fromResult = (action: string, result: ActionResult) => (result.ok ? success(action, result.resultXml) : error(result.fault, result.message));

  const copy = (pairs: [string, string][]): Response => {
    const { input } = decodeCopySnapshot(pairs);
    const outcome = copySnapshot(store, input, b);
    if (outcome.ok) return success('CopySnapshot', snapshotXml(outcome.copy.snapshot));
    if (b.storeRefused && input.SourceSnapshotName && input.TargetSnapshotName && store.get(input.SourceSnapshotName) && !store.get(input.TargetSnapshotName)) {
      const source = store.get(input.SourceSnapshotName)!;
      store.put({ snapshot: { ...source.snapshot, SnapshotName: input.TargetSnapshotName.toLowerCase(), SnapshotSource: 'manual' }, tags: [] });
    }
    return error(outcome.refusal.fault, outcome.refusal.message);
  };

  const answer = async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      let raw: Uint8Array | string;
      if (request.method === 'POST') {
        const declared = Number(request.headers.get('content-length') ?? '0');
        if (declared > maxBodyBytes) return error(wireFault('RequestEntityTooLarge', 413), `The request body exceeds ${maxBodyBytes} bytes.`);
        const bytes = new Uint8Array(await request.arrayBuffer());
        if (bytes.byteLength > maxBodyBytes) return error(wireFault('RequestEntityTooLarge', 413), `The request body exceeds ${maxBodyBytes} bytes.`);
        raw = bytes;
      } else if (request.method === 'GET') raw = url.search.slice(1);
      else return error(wireFault('MethodNotAllowed', 405), `The method ${request.method} is not allowed; use POST.`);
      const form = parseForm(raw);
      if (form.errors.length) return error(faults.InvalidParameterValue, `The request is not valid form encoding: ${form.errors[0]}.`);
      const params = paramsOf(form.pairs);
      const decoded = decodeCopySnapshot(form.pairs);
      if (params.get('Action') === 'CopySnapshot' && b.crashesOn?.(decoded.input, form.pairs)) return new Response('Internal Server Error', { status: 500 });
      const dup = decoded.duplicates;
      if (dup.length)
        return error(faults.InvalidParameterValue, `The parameter ${dup[0]} is given more than once.`);
      const action = params.get('Action');
      if (!action) return error(wireFault('MissingAction', 400), 'The request is missing an Action.');
      const version = params.get('Version');
      if (!version) return error(faults.MissingParameter, 'The request must contain the parameter Version.');
      if (version !== service.version) return error(faults.InvalidParameterValue, `Version ${version} is not supported; use ${service.version}.`);
      switch (action) {
        case 'CopySnapshot':
          return copy(form.pairs);
        case 'CreateSnapshot':
          return fromResult(action, createSnapshot(store, params));
        case 'DescribeSnapshots':
          return fromResult(action, describeSnapshots(store, params));
        case 'DeleteSnapshot':
          return fromResult(action, deleteSnapshot(store, params));
        case 'ListTagsForResource':
          return fromResult(action, listTagsForResource(store, params));
        default:
          return error(faults.InvalidAction, `The action ${action} is not valid for this web service.`);
      }
    } catch (e) {
      // a genuine bug of the mock: say so as the protocol would, never crash the transport
      const requestId = randomUUID();
      return new Response(errorXml({ type: 'Receiver', code: 'InternalFailure', message: String((e as Error)?.message ?? e).split('\n')[0] ?? '', requestId }), { status: 500, headers: xmlHeaders(requestId) });
    }
  };

  const base = options.baseUrl ? `${options.baseUrl.replace(/\/$/, '')}/*` : '*';
  const handlers: RequestHandler[] = [http.all(base, ({ request }) => answer(request))];
  return { handlers, store, reset: () => store.reset(), answer };
}

/** A default instance's handlers, for `setupServer(...referenceHandlers)`. */
export const referenceHandlers: RequestHandler[] = createReferenceMock().handlers;
