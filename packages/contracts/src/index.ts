export * from './admin.js';
export * from './common.js';
export * from './csv.js';
export * from './feedback.js';
export * from './health.js';
export * from './imports.js';
export * from './scorecard.js';
export * from './standards.js';
