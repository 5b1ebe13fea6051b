export { runLayerTest, type LayerTestOptions } from './conformance.js';
