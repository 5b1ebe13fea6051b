export { runOptimizerTest, ConformanceError } from './conformance.js';
export type { OptimizerTestOptions, TestableOptimizer } from './conformance.js';
