import * as tf from '@tensorflow/tfjs-core';
import { gradientConfigs } from './gradient-configs.js';
import { gradientFixes } from './gradient-fixes.js';

/**
 * Registers tfjs-core's gradient for every kernel that has none yet. tfjs-core's Node entry
 * registers no gradients, and its own `register_all_gradients` module cannot be loaded by Node,
 * so Layerwise bundles the configs and registers them here, once, when a backend is chosen
 * (never as an import side effect). Returns how many it registered. The gradients of AvgPool and
 * MirrorPad, which are wrong in tfjs-core, are replaced by corrected ones (`gradient-fixes.ts`)
 * whoever registered them.
 */
export function registerAllGradients(): number {
  addChainedReshape();
  let added = 0;
  for (const config of gradientConfigs) {
    if (tf.getGradient(config.kernelName) == null) {
      tf.registerGradient(config);
      added++;
    }
  }
  for (const config of gradientFixes) {
    if (tf.getGradient(config.kernelName) !== config) tf.registerGradient(config);
  }
  return added;
}

/**
 * Two of tfjs-core's gradients (Prod's, and GatherV2's with `batchDims`) call `tensor.reshape(...)`,
 * a chained op that tfjs-core's Node entry does not install on `Tensor` (its browser entry does).
 * Installs that one method, as tfjs-core's own chained op does, where it is missing.
 */
function addChainedReshape(): void {
  const prototype = tf.Tensor.prototype as unknown as { reshape?: (shape: number[]) => tf.Tensor };
  if (typeof prototype.reshape === 'function') return;
  Object.defineProperty(prototype, 'reshape', {
    value(this: tf.Tensor, shape: number[]) {
      return tf.reshape(this, shape);
    },
    configurable: true,
    writable: true,
  });
}
