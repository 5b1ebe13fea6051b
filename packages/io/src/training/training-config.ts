import type { ConfigDict } from '@layerwise/core';
import type { AnyModel } from '../weights/weight-groups.js';
import { compileConfigOf } from './compile-config.js';

/**
 * The model's compile settings in Keras 2's `training_config` layout (`optimizer_config` for the
 * optimizer), as HDF5 files and TensorFlow.js' `model.json` hold them; undefined when not compiled.
 */
export function trainingConfigOf(model: AnyModel): ConfigDict | undefined {
  const compileConfig = compileConfigOf(model);
  if (!compileConfig) return undefined;
  const { optimizer, ...rest } = compileConfig;
  return { optimizer_config: optimizer!, ...rest };
}
