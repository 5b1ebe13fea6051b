import type { ConfigDict } from '@layerwise/core';
import type { KerasSerialized } from './keras-model-config.js';
import { kerasNodeIndices } from './keras-nodes.js';

/**
 * A Layerwise model config (`{ class_name: model.className, config: model.getConfig() }`) as
 * Keras 2 and TensorFlow.js read it: inputs and outputs as lists, a nested model's node indices
 * counting its own node, and
 * settings renamed since Keras 2 are written under both names (LeakyReLU's `alpha`).
 */
export function toKerasConfig(serialized: KerasSerialized): KerasSerialized {
  const config = { ...(serialized.config as ConfigDict) };
  if (serialized.class_name === 'Sequential' || serialized.class_name === 'Functional') {
    const layers = (config['layers'] as unknown as KerasSerialized[]).map((spec) => ({ ...spec, ...toKerasConfig(spec) }));
    config['layers'] = layers as unknown as ConfigDict[];
    // Keras 2 and TensorFlow.js always list a functional model's inputs and outputs.
    for (const key of ['input_layers', 'output_layers']) {
      const refs = config[key];
      if (Array.isArray(refs) && typeof refs[0] === 'string') config[key] = [refs];
    }
    return { class_name: serialized.class_name, config: serialized.class_name === 'Functional' ? kerasNodeIndices(config) : config };
  }
  if (serialized.class_name === 'LeakyReLU' && typeof config['negative_slope'] === 'number') config['alpha'] = config['negative_slope'];
  return { class_name: serialized.class_name, config };
}
