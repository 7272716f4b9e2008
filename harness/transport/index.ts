export * from './types.js';
export { EndpointHealth } from './health.js';
export { createEmbeddedTarget } from './embedded.js';
export { createHttpTarget } from './http.js';
export { resolveTarget, isAwsEndpoint, type ResolveOptions } from './resolve.js';
export { isLoopbackHost } from './signing.js';
