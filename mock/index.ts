export { createReferenceMock, referenceHandlers, type MockOptions, type ReferenceMock } from './handlers.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export { referenceFixtures } from './fixtures.js';
export { mutants, type Mutant } from './mutants.js';
export { referenceSteps, type CopyStep } from './copy-snapshot.js';
export { referenceBehaviour, type MockBehaviour } from './behaviour.js';
