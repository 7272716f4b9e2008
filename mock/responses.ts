// The mock's answers: Query XML with Content-Type text/xml and an x-amzn-RequestId header that equals
// the body's RequestId. The behaviour decides codes, statuses and types (planted bugs change them).
import { randomUUID } from 'node:crypto';
import { errorXml, successXml } from '../harness/codec.js';
import { service } from '../specs/members.js';
import type { Fault } from '../specs/types.js';
import type { MockBehaviour } from './behaviour.js';

export interface Responder {
  error(fault: Fault, message: string): Response;
  success(action: string, resultXml: string): Response;
  /** a genuine bug of the mock: the protocol's 500, never a crash of the transport */
  internalFailure(): Response;
}

/** A fault that is not in specs/faults.ts (wire-level and other-action errors), always Sender. */
export function otherFault(code: string, status: number): Fault {
  return { shape: code, code, status, type: 'Sender', scope: 'common', doc: '', sources: [] };
}

export function responder(b: MockBehaviour): Responder {
  const headers = b.answerHeaders;
  return {
    error(fault, message) {
      const requestId = randomUUID();
      let body = errorXml({ type: b.errorType(fault), code: b.faultCode(fault), message, requestId });
      if (!b.errorHasRequestId) body = body.replace(/<RequestId>[^<]*<\/RequestId>/, '');
      return new Response(body, { status: b.faultStatus(fault), headers: headers(requestId) });
    },
    success(action, resultXml) {
      const requestId = randomUUID();
      let body = successXml(action, resultXml, requestId);
      if (action === service.action && b.successNamespace !== service.namespace) body = body.replace(service.namespace, b.successNamespace);
      return new Response(body, { status: 200, headers: headers(requestId) });
    },
    internalFailure() {
      const requestId = randomUUID();
      const body = errorXml({ type: 'Receiver', code: 'InternalFailure', message: 'The mock failed to process the request.', requestId });
      return new Response(body, { status: 500, headers: headers(requestId) });
    },
  };
}
