import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import * as L from '@layerwise/layers';
import type { AnyLayer } from '@layerwise/layers';

/** How to put one layer class in a model: the layer, the sample shapes of its input(s), integer input for Embedding. */
export interface CatalogueEntry {
  readonly make: () => AnyLayer;
  /** One sample shape per input; several for layers taking a list. */
  readonly inputs: readonly (readonly number[])[];
  /** The inputs are integer indices below this bound (Embedding). */
  readonly integersBelow?: number;
}

const seq = [6, 3];
const img = [6, 6, 2];
const vol = [4, 4, 4, 2];
const one = (make: () => AnyLayer, shape: readonly number[]): CatalogueEntry => ({ make, inputs: [shape] });
const two = (make: () => AnyLayer, shape: readonly number[]): CatalogueEntry => ({ make, inputs: [shape, shape] });

/** The name Lambda layers in the catalogue use (register it with `registerLambdaFunction` first). */
export const LAMBDA_NAME = 'io_catalogue_square';
export const lambdaFunction = (x: Tensor | Tensor[]) => tf.square(x as Tensor);

/** One example of every built-in layer class, by class name. */
export const catalogue: Readonly<Record<string, CatalogueEntry>> = {
  Activation: one(() => L.activation({ activation: 'tanh' }), [4]),
  ActivityRegularization: one(() => L.activityRegularization({ l1: 0.01 }), [4]),
  Add: two(() => L.add(), [4]),
  AdditiveAttention: two(() => L.additiveAttention(), seq),
  AlphaDropout: one(() => L.alphaDropout({ rate: 0.2, seed: 3 }), [4]),
  Attention: two(() => L.attention(), seq),
  Average: two(() => L.average(), [4]),
  AveragePooling1D: one(() => L.averagePooling1d(), seq),
  AveragePooling2D: one(() => L.averagePooling2d(), img),
  AveragePooling3D: one(() => L.averagePooling3d(), vol),
  BatchNormalization: one(() => L.batchNormalization(), img),
  Bidirectional: one(() => L.bidirectional({ layer: L.lstm({ units: 2 }) }), seq),
  Concatenate: two(() => L.concatenate(), [4]),
  Conv1D: one(() => L.conv1d({ filters: 2, kernelSize: 3 }), seq),
  Conv1DTranspose: one(() => L.conv1dTranspose({ filters: 2, kernelSize: 3 }), seq),
  Conv2D: one(() => L.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }), img),
  Conv2DTranspose: one(() => L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2 }), img),
  Conv3D: one(() => L.conv3d({ filters: 2, kernelSize: 2 }), vol),
  Conv3DTranspose: one(() => L.conv3dTranspose({ filters: 2, kernelSize: 2 }), vol),
  Cropping1D: one(() => L.cropping1d({ cropping: [1, 1] }), seq),
  Cropping2D: one(() => L.cropping2d({ cropping: 1 }), img),
  Cropping3D: one(() => L.cropping3d({ cropping: 1 }), vol),
  Dense: one(() => L.dense({ units: 3, activation: 'relu' }), [4]),
  DepthwiseConv1D: one(() => L.depthwiseConv1d({ kernelSize: 3 }), seq),
  DepthwiseConv2D: one(() => L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }), img),
  Dot: two(() => L.dot({ axes: 1 }), [4]),
  Dropout: one(() => L.dropout({ rate: 0.3, seed: 5 }), [4]),
  ELU: one(() => L.elu(), [4]),
  Embedding: { make: () => L.embedding({ inputDim: 7, outputDim: 3 }), inputs: [[5]], integersBelow: 7 },
  Flatten: one(() => L.flatten(), img),
  GRU: one(() => L.gru({ units: 3 }), seq),
  GaussianDropout: one(() => L.gaussianDropout({ rate: 0.2, seed: 2 }), [4]),
  GaussianNoise: one(() => L.gaussianNoise({ stddev: 0.1, seed: 2 }), [4]),
  GlobalAveragePooling1D: one(() => L.globalAveragePooling1d(), seq),
  GlobalAveragePooling2D: one(() => L.globalAveragePooling2d(), img),
  GlobalAveragePooling3D: one(() => L.globalAveragePooling3d(), vol),
  GlobalMaxPooling1D: one(() => L.globalMaxPooling1d(), seq),
  GlobalMaxPooling2D: one(() => L.globalMaxPooling2d(), img),
  GlobalMaxPooling3D: one(() => L.globalMaxPooling3d(), vol),
  GroupNormalization: one(() => L.groupNormalization({ groups: 2 }), img),
  LSTM: one(() => L.lstm({ units: 3, returnSequences: true }), seq),
  Lambda: one(() => L.lambda({ function: LAMBDA_NAME }), [4]),
  LayerNormalization: one(() => L.layerNormalization(), seq),
  LeakyReLU: one(() => L.leakyReLU({ negativeSlope: 0.2 }), [4]),
  Masking: one(() => L.masking({ maskValue: 0 }), seq),
  MaxPooling1D: one(() => L.maxPooling1d(), seq),
  MaxPooling2D: one(() => L.maxPooling2d(), img),
  MaxPooling3D: one(() => L.maxPooling3d(), vol),
  Maximum: two(() => L.maximum(), [4]),
  Minimum: two(() => L.minimum(), [4]),
  MultiHeadAttention: two(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2 }), seq),
  Multiply: two(() => L.multiply(), [4]),
  PReLU: one(() => L.prelu(), [4]),
  Permute: one(() => L.permute({ dims: [2, 1] }), seq),
  ReLU: one(() => L.reLU({ maxValue: 2 }), [4]),
  RepeatVector: one(() => L.repeatVector({ n: 3 }), [4]),
  Reshape: one(() => L.reshape({ targetShape: [2, 2] }), [4]),
  SeparableConv1D: one(() => L.separableConv1d({ filters: 2, kernelSize: 3 }), seq),
  SeparableConv2D: one(() => L.separableConv2d({ filters: 2, kernelSize: 3 }), img),
  SimpleRNN: one(() => L.simpleRNN({ units: 3 }), seq),
  Softmax: one(() => L.softmax(), [4]),
  SpatialDropout1D: one(() => L.spatialDropout1d({ rate: 0.3, seed: 1 }), seq),
  SpatialDropout2D: one(() => L.spatialDropout2d({ rate: 0.3, seed: 1 }), img),
  Subtract: two(() => L.subtract(), [4]),
  TimeDistributed: one(() => L.timeDistributed({ layer: L.dense({ units: 2 }) }), seq),
  UnitNormalization: one(() => L.unitNormalization(), [4]),
  UpSampling1D: one(() => L.upSampling1d(), seq),
  UpSampling2D: one(() => L.upSampling2d(), img),
  UpSampling3D: one(() => L.upSampling3d(), vol),
  ZeroPadding1D: one(() => L.zeroPadding1d(), seq),
  ZeroPadding2D: one(() => L.zeroPadding2d(), img),
  ZeroPadding3D: one(() => L.zeroPadding3d(), vol),
};

/** Every built-in layer class name, from the layers barrel (what deserialisation knows). */
export function builtInLayerClassNames(): string[] {
  const classes = Object.values(L.layers as Record<string, unknown>).filter(
    (v) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof L.Layer,
  ) as { className: string }[];
  return [...new Set(classes.map((c) => c.className).filter((n) => n !== ''))].sort();
}

/** A functional model reading the entry's input(s) through its layer, then Flatten (or, for a masked sequence, GlobalAveragePooling1D) and Dense(2) so that every model trains. */
export function catalogueModel(entry: CatalogueEntry): L.Functional {
  const inputs = entry.inputs.map((shape, i) => L.input({ shape: [...shape], name: `in_${i}`, ...(entry.integersBelow ? { dtype: 'int32' as const } : {}) }));
  const layer = entry.make();
  let y = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as L.SymbolicTensor;
  // A masked sequence (Masking) goes through a layer that consumes the mask, as Keras requires; the
  // rest are flattened.
  if (y.masked && y.shape.length === 3) y = L.globalAveragePooling1d().apply(y) as L.SymbolicTensor;
  else if (y.shape.length > 2) y = L.flatten().apply(y) as L.SymbolicTensor;
  const out = L.dense({ units: 2, name: 'head' }).apply(y) as L.SymbolicTensor;
  return L.model({ inputs: inputs.length === 1 ? inputs[0]! : inputs, outputs: out });
}

/** Seeded inputs and targets for a catalogue model. */
export function catalogueData(entry: CatalogueEntry, batch = 4): { x: Tensor[]; y: Tensor[] } {
  const x = entry.inputs.map((shape, i) =>
    entry.integersBelow ? tf.randomUniform([batch, ...shape], 0, entry.integersBelow, 'int32', 7 + i) : tf.randomUniform([batch, ...shape], -1, 1, 'float32', 7 + i),
  );
  return { x, y: [tf.randomNormal([batch, 2], 0, 1, 'float32', 3)] };
}
