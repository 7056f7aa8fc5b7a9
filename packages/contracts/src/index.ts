export * from './common.js';
export * from './csv.js';
export * from './health.js';
export * from './scorecard.js';
export * from './standards.js';
