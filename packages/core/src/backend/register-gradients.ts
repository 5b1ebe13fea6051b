import * as tf from '@tensorflow/tfjs-core';
import { gradientConfigs } from './gradient-configs.js';

/**
 * Registers tfjs-core's gradient for every kernel that has none yet. tfjs-core's Node entry
 * registers no gradients, and its own `register_all_gradients` module cannot be loaded by Node,
 * so Layerwise bundles the configs and registers them here, once, when a backend is chosen
 * (never as an import side effect). Returns how many it registered.
 */
export function registerAllGradients(): number {
  let added = 0;
  for (const config of gradientConfigs) {
    if (tf.getGradient(config.kernelName) == null) {
      tf.registerGradient(config);
      added++;
    }
  }
  return added;
}
