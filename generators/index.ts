// The generators' public API: value arbitraries, the oracle, request arbitraries, the stateful
// model, the corpus and the SDK-exact form encoder.
export * from './values/index.js';
export * from './oracle.js';
export * from './requests.js';
export * from './wire.js';
export * from './stateful.js';
export * from './corpus.js';
export * from '../protocol/form-encode.js';
export type { Case, WireCase } from './types.js';
