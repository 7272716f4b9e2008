export * from './values.js';
export * from './oracle.js';
export * from './requests.js';
export * from './stateful.js';
export * from './corpus.js';
export * from './form.js';
export type { Case, WireCase } from './types.js';
