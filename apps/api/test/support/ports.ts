// The tests take their listening ports where the benchmarks do (see the module for why).
export { freePort } from '../../src/cli/ports.js';
