/**
 * Layerwise in one install: every package's API from one import, as `@tensorflow/tfjs` gathers
 * TensorFlow.js. Losses and metrics are also namespaces (`losses.MeanSquaredError`,
 * `metrics.MeanSquaredError`), as in Keras, because three classes share their names between the two
 * packages; at the top level those three names are the losses'. Pretrained networks, augmentation
 * and visualisation are namespaces (`applications.vgg16`, `augment.randomFlip`, `vis.plotHistory`),
 * as `keras.applications`; the WebAssembly and WebGPU backends' functions are at the top level.
 *
 * @example
 * ```ts
 * import { tf, useBackend, sequential, dense, adam, loadMnist, toTensors } from 'layerwise';
 *
 * await useBackend('auto');
 * const { train } = await loadMnist();
 * const { x, y } = toTensors(train, { flatten: true });
 * const model = sequential([dense({ units: 128, activation: 'relu', inputShape: [784] }), dense({ units: 10, activation: 'softmax' })]);
 * model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * await model.fit(x, y, { epochs: 2, batchSize: 128 });
 * ```
 *
 * @packageDocumentation
 */
export * from '@layerwise/core';
export * from '@layerwise/layers';
export * from '@layerwise/optimizers';
export * from '@layerwise/losses';
export * from '@layerwise/callbacks';
export * from '@layerwise/datasets';
export * from '@layerwise/io';
export * from '@layerwise/backend-wasm';
export * from '@layerwise/backend-webgpu';
/** The tensor engine, `@tensorflow/tfjs-core`, for tensors and ops: `tf.tensor2d`, `tf.matMul`, `tf.memory()`. */
export * as tf from '@tensorflow/tfjs-core';
export * as losses from '@layerwise/losses';
export * as metrics from '@layerwise/metrics';
/** Pretrained convnets (VGG16, ResNet50, MobileNetV2, Xception...), as `keras.applications`. */
export * as applications from '@layerwise/applications';
/** Data augmentation: `augment.imageDataGenerator`, the preprocessing layers (`augment.randomFlip`...). */
export * as augment from '@layerwise/augment';
/** Visualisation: history charts, `vis.plotModel`, activation grids, filter patterns, Grad-CAM. */
export * as vis from '@layerwise/vis';
// Names two packages export: the callbacks' `Callback` base class (which implements core's
// `Callback` interface) and the optimizers' `LearningRateSchedule` class win; the scheduler
// callback's function type is renamed.
export { Callback } from '@layerwise/callbacks';
export { LearningRateSchedule } from '@layerwise/optimizers';
export type { LearningRateSchedule as LearningRateSchedulerFunction } from '@layerwise/callbacks';
