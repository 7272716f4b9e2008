// The mock's answers: Query XML with Content-Type text/xml and an x-amzn-RequestId header that equals
// the body's RequestId. The behaviour decides codes, statuses and types (planted bugs change them).
// Answers are plain data; handlers.ts turns them into Fetch Responses where msw needs them.
import { randomUUID } from 'node:crypto';
import { errorXml, successXml } from '../protocol/index.js';
import { service } from '../specs/members.js';
import type { Fault } from '../specs/types.js';
import type { MockBehaviour } from './behaviour.js';

/** One answer: status, lower-case headers, XML body. */
export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Responder {
  error(fault: Fault, message: string): MockAnswer;
  success(action: string, resultXml: string): MockAnswer;
  /** a genuine bug of the mock: the protocol's 500, never a crash of the transport */
  internalFailure(): MockAnswer;
}

/** A fault that is not in specs/faults.ts (wire-level and other-action errors), always Sender. */
export function otherFault(code: string, status: number): Fault {
  return { shape: code, code, status, type: 'Sender', scope: 'common', doc: '', sources: [] };
}

/** Header names as a Fetch Response gives them back: lower-case. */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

export function responder(b: MockBehaviour): Responder {
  const headers = (requestId: string) => lowerCased(b.answerHeaders(requestId));
  return {
    error(fault, message) {
      const requestId = randomUUID();
      let body = errorXml({ type: b.errorType(fault), code: b.faultCode(fault), message, requestId });
      if (!b.errorHasRequestId) body = body.replace(/<RequestId>[^<]*<\/RequestId>/, '');
      return { status: b.faultStatus(fault), headers: headers(requestId), body };
    },
    success(action, resultXml) {
      const requestId = randomUUID();
      let body = successXml(action, resultXml, requestId);
      if (action === service.action && b.successNamespace !== service.namespace) body = body.replace(service.namespace, b.successNamespace);
      return { status: 200, headers: headers(requestId), body };
    },
    internalFailure() {
      const requestId = randomUUID();
      const body = errorXml({ type: 'Receiver', code: 'InternalFailure', message: 'The mock failed to process the request.', requestId });
      return { status: 500, headers: headers(requestId), body };
    },
  };
}
