// The reference mock as msw request handlers, over the plain behaviour of reference.ts: a Fetch Request
// is read into plain data, answered by `answerWire`, and turned back into a Fetch Response. The HTTP
// server (server.ts) bridges to these same handlers; the run-owned embedded target skips them.
import { http, type RequestHandler } from 'msw';
import { createMockCore, type ReferenceOptions } from './reference.js';
import type { MockAnswer } from './responses.js';
import type { MockStore } from './store.js';
import { maxBodyBytes, type MockRequest } from './wire.js';

export { maxBodyBytes, type MockRequest } from './wire.js';
export type { MockAnswer } from './responses.js';
export { createMockCore, type MockCore, type ReferenceOptions } from './reference.js';

export interface MockOptions extends ReferenceOptions {
  /** match only requests under this URL (default: any URL) */
  baseUrl?: string;
}

export interface ReferenceMock {
  handlers: RequestHandler[];
  store: MockStore;
  /** back to the seeded state */
  reset(): void;
  /** answer one Fetch request: the function the handlers call */
  answer(request: Request): Promise<Response>;
  /** answer one request given as plain data, synchronously: what `answer` does after reading the body */
  answerWire(request: MockRequest): MockAnswer;
}

/** A Fetch Request as plain data; the body is read only for POST, the one method whose body the mock reads. */
async function mockRequestOf(request: Request): Promise<MockRequest> {
  const contentLength = request.headers.get('content-length');
  const method = request.method;
  // a declared length past the cap is refused unread, as before (413 without buffering 1 MB+)
  const tooLong = contentLength !== null && Number(contentLength) > maxBodyBytes;
  const body = method === 'POST' && !tooLong ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0);
  return { method, query: method === 'GET' ? new URL(request.url).search.slice(1) : '', ...(contentLength !== null ? { headers: { 'content-length': contentLength } } : {}), body };
}

function toResponse(a: MockAnswer): Response {
  return new Response(a.body, { status: a.status, headers: a.headers });
}

export function createReferenceMock(options: MockOptions = {}): ReferenceMock {
  const { store, answerWire, reply } = createMockCore(options);
  const answer = async (request: Request): Promise<Response> => {
    let plain: MockRequest;
    try {
      plain = await mockRequestOf(request);
    } catch {
      return toResponse(reply.internalFailure());
    }
    return toResponse(answerWire(plain));
  };

  const base = options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}/*` : '*';
  const handlers: RequestHandler[] = [http.all(base, ({ request }) => answer(request))];
  return { handlers, store, reset: () => store.reset(), answer, answerWire };
}

/** A default instance's handlers, for `setupServer(...referenceHandlers)`. */
export const referenceHandlers: RequestHandler[] = createReferenceMock().handlers;
