export * from './common.js';
export * from './health.js';
export * from './standards.js';
export * from './scorecard.js';
