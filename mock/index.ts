// The reference mock's public API.
export { createReferenceMock, referenceHandlers, maxBodyBytes, type MockOptions, type ReferenceMock } from './handlers.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export { referenceFixtures, snapshotArn } from './fixtures.js';
export { mutants, type Mutant } from './mutants.js';
export { referenceSteps, referenceCopyBehaviour, type CopyStep, type CopyBehaviour, type StepContext, type MockFault } from './copy-snapshot.js';
export { referenceBehaviour, type MockBehaviour } from './behaviour.js';
export { MockStore, type StoreOptions, type StoredSnapshot } from './store.js';
