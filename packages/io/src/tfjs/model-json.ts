import type { ConfigDict } from '@layerwise/core';

/** One weight as a TensorFlow.js weights manifest describes it. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32' | 'bool' | string;
  /** TensorFlow.js marks optimizer weights with `'optimizer'`; absent for model weights. */
  readonly group?: string;
  /** Present on quantised weights. */
  readonly quantization?: { readonly dtype: string; readonly scale?: number; readonly min?: number };
}

/** A group of weights stored in one or more shard files. */
export interface WeightsManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly WeightSpec[];
}

/** A layer in a Keras model config: `{ class_name, config }`. */
export interface SerializedLayer {
  readonly class_name: string;
  readonly config: ConfigDict;
}

/**
 * The `model.json` of the TensorFlow.js Layers format. `modelTopology` is the model config
 * itself (as TensorFlow.js writes it) or wraps it in `model_config` (as the Keras converter does).
 */
export interface ModelJson {
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly modelTopology: {
    readonly keras_version?: string;
    readonly backend?: string;
    readonly model_config?: { readonly class_name: string; readonly config: ConfigDict | readonly SerializedLayer[] };
    readonly class_name?: string;
    readonly config?: ConfigDict;
  };
  /** The compile settings (Keras' `training_config`), when the model was compiled. */
  readonly trainingConfig?: ConfigDict;
  readonly weightsManifest: readonly WeightsManifestGroup[];
}
