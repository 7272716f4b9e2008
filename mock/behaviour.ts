// Everything about the mock that a planted-bug variant may change, with the reference values.
import { service } from '../specs/members.js';
import type { Fault } from '../specs/types.js';
import { referenceCopyBehaviour, type CopyBehaviour } from './copy-snapshot.js';
import type { CopySnapshotInput } from '../specs/types.js';

export interface MockBehaviour extends CopyBehaviour {
  faultCode(f: Fault): string;
  faultStatus(f: Fault): number;
  errorType(f: Fault): string;
  errorHasRequestId: boolean;
  successNamespace: string;
  /** a refused CopySnapshot is stored anyway (a bug) */
  storeRefused: boolean;
  /** crash (answer 500) on some CopySnapshot requests (a bug) */
  crashesOn?(input: CopySnapshotInput, pairs: readonly [string, string][]): boolean;
}

export const referenceBehaviour: MockBehaviour = {
  ...referenceCopyBehaviour,
  faultCode: (f) => f.code,
  faultStatus: (f) => f.status,
  errorType: (f) => f.type,
  errorHasRequestId: true,
  successNamespace: service.namespace,
  storeRefused: false,
};
