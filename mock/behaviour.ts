// Everything about the mock that a planted-bug variant may change, with the reference values.
import { service } from '../specs/members.js';
import type { CopySnapshotInput, Fault } from '../specs/types.js';
import { referenceCopyBehaviour, type CopyBehaviour } from './copy-snapshot.js';
import type { MockStore } from './store.js';

export interface MockBehaviour extends CopyBehaviour {
  /** the `<Code>` sent for a fault */
  faultCode(f: Fault): string;
  /** the HTTP status sent for a fault */
  faultStatus(f: Fault): number;
  /** the `<Type>` sent for a fault */
  errorType(f: Fault): string;
  /** whether error bodies carry `<RequestId>` */
  errorHasRequestId: boolean;
  /** the xmlns of CopySnapshot success answers */
  successNamespace: string;
  /** the headers of an answer whose body carries `requestId` */
  answerHeaders(requestId: string): Record<string, string>;
  /** runs after the step `step` refused a CopySnapshot (the reference does nothing: a refusal changes nothing) */
  onRefused?(store: MockStore, input: CopySnapshotInput, step: string): void;
  /** answer 500 to these CopySnapshot requests (the reference never does) */
  crashesOn?(input: CopySnapshotInput, pairs: readonly (readonly [string, string])[]): boolean;
}

export const referenceBehaviour: MockBehaviour = {
  ...referenceCopyBehaviour,
  faultCode: (f) => f.code,
  faultStatus: (f) => f.status,
  errorType: (f) => f.type,
  errorHasRequestId: true,
  successNamespace: service.namespace,
  answerHeaders: (requestId) => ({ 'content-type': 'text/xml', 'x-amzn-requestid': requestId }),
};
