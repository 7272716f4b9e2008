// Value arbitraries, one small module per concern.
export * from './text.js';
export * from './names.js';
export * from './tags.js';
export * from './buckets.js';
export * from './kms.js';
