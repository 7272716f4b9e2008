// Reading a Query request off the wire: POST form body or GET query string, at most 1 MB, strict
// percent-decoding, no duplicate keys, an Action and this Version. Anything else is a 4xx.
// Plain data in (method, query, headers, body bytes): no Fetch Request, so an in-process caller can ask
// the mock directly and msw (handlers.ts) or the HTTP bridge only adapt to it.
import { decodeCopySnapshot, paramsOf, parseForm, type FormPairs } from '../protocol/index.js';
import { faults } from '../specs/faults.js';
import { service } from '../specs/members.js';
import type { Fault } from '../specs/types.js';
import { otherFault } from './responses.js';

export const maxBodyBytes = 1024 * 1024;

/** One request as the mock reads it. */
export interface MockRequest {
  /** upper-case for the standard methods, as Fetch normalizes them */
  method: string;
  /** the raw query string without `?` (what a GET carries) */
  query: string;
  /** lower-case names; only content-length is read */
  headers?: Readonly<Record<string, string>>;
  /** the body as received (ignored for GET) */
  body: Uint8Array;
}

export type WireRead =
  | { ok: true; action: string; pairs: FormPairs; params: Map<string, string> }
  | { ok: false; fault: Fault; message: string; pairs?: FormPairs };

const tooLarge = (): WireRead => ({ ok: false, fault: otherFault('RequestEntityTooLarge', 413), message: `The request body exceeds ${maxBodyBytes} bytes.` });

/** The raw form text of a request, or why there is none. */
function rawForm(request: MockRequest): { raw: Uint8Array | string } | { refused: WireRead } {
  if (request.method === 'GET') return { raw: request.query };
  if (request.method !== 'POST')
    return { refused: { ok: false, fault: otherFault('MethodNotAllowed', 405), message: `The method ${request.method} is not allowed; use POST (or GET with a query string).` } };
  const declared = Number(request.headers?.['content-length'] ?? '0');
  if (declared > maxBodyBytes) return { refused: tooLarge() };
  return request.body.byteLength > maxBodyBytes ? { refused: tooLarge() } : { raw: request.body };
}

/** Read and check the envelope of a request; the action's own parameters are checked later. */
export function readWire(request: MockRequest): WireRead {
  const read = rawForm(request);
  if ('refused' in read) return read.refused;
  const form = parseForm(read.raw);
  // 400 InvalidParameterValue: AWS documents MalformedQueryString as a 404, which would read as "not found"
  if (form.errors.length) return { ok: false, fault: faults.InvalidParameterValue, message: `The request is not valid form encoding: ${form.errors[0]}.`, pairs: form.pairs };
  const pairs = form.pairs;
  const duplicates = decodeCopySnapshot(pairs).duplicates;
  if (duplicates.length) return { ok: false, fault: faults.InvalidParameterValue, message: `The parameter ${duplicates[0]} is given more than once.`, pairs };
  const params = paramsOf(pairs);
  const action = params.get('Action');
  if (!action) return { ok: false, fault: otherFault('MissingAction', 400), message: 'The request must contain the parameter Action.', pairs };
  const version = params.get('Version');
  if (!version) return { ok: false, fault: faults.MissingParameter, message: 'The request must contain the parameter Version.', pairs };
  if (version !== service.version) return { ok: false, fault: faults.InvalidParameterValue, message: `The Version ${version} is not supported; use ${service.version}.`, pairs };
  return { ok: true, action, pairs, params };
}
