import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import type { AnyModel } from '../weights/weight-groups.js';
import { compileFromConfig } from './compile-config.js';
import { restoreOptimizerWeights } from './optimizer-weights.js';

/**
 * Compiles a loaded model as its saved compile config says and restores the optimizer's state
 * when the file holds it. Does nothing without a compile config.
 */
export function restoreTraining(model: AnyModel, compileConfig: ConfigDict | undefined, optimizerWeights: readonly Tensor[], source: string): void {
  if (!compileConfig) return;
  compileFromConfig(model, compileConfig, source);
  restoreOptimizerWeights(model, optimizerWeights, source);
}
