import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor4D, Variable } from '@tensorflow/tfjs-core';

/** The two benchmark networks. */
export type ModelName = 'mlp' | 'convnet';

/** A network as plain variables and a loss function (no layers library). */
export interface BenchModel {
  readonly name: ModelName;
  /** Shape of one input sample. */
  readonly sampleShape: number[];
  readonly variables: Variable[];
  /** Mean softmax cross-entropy of the network's logits for `x` against one-hot `y`. */
  loss(x: Tensor, y: Tensor): tf.Scalar;
  dispose(): void;
}

let seed = 1;

function heNormal(shape: number[], fanIn: number, name: string): Variable {
  return tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed++), true, `${name}_${seed}`);
}

function zeros(size: number, name: string): Variable {
  return tf.variable(tf.zeros([size]), true, `${name}_${seed++}`);
}

/** Dense layer in plain ops: `x W + b`, optionally through relu. */
function dense(x: Tensor, w: Variable, b: Variable, relu: boolean): Tensor {
  const y = tf.add(tf.matMul(x as Tensor2D, w as Tensor2D), b);
  return relu ? tf.relu(y) : y;
}

/** MLP 784-512-512-10 with relu (the Keras MNIST MLP, without dropout). */
function mlp(): BenchModel {
  const variables = [
    heNormal([784, 512], 784, 'w1'), zeros(512, 'b1'),
    heNormal([512, 512], 512, 'w2'), zeros(512, 'b2'),
    heNormal([512, 10], 512, 'w3'), zeros(10, 'b3'),
  ];
  const [w1, b1, w2, b2, w3, b3] = variables as [Variable, Variable, Variable, Variable, Variable, Variable];
  return {
    name: 'mlp',
    sampleShape: [784],
    variables,
    loss: (x, y) => tf.losses.softmaxCrossEntropy(y, dense(dense(dense(x, w1, b1, true), w2, b2, true), w3, b3, false)) as tf.Scalar,
    dispose: () => tf.dispose(variables),
  };
}

/** Conv32(3x3 same, relu) / maxpool 2 / Conv64(3x3 same, relu) / maxpool 2 / Dense128 relu / Dense10. */
function convnet(): BenchModel {
  const variables = [
    heNormal([3, 3, 1, 32], 9, 'c1'), zeros(32, 'cb1'),
    heNormal([3, 3, 32, 64], 288, 'c2'), zeros(64, 'cb2'),
    heNormal([7 * 7 * 64, 128], 7 * 7 * 64, 'd1'), zeros(128, 'db1'),
    heNormal([128, 10], 128, 'd2'), zeros(10, 'db2'),
  ];
  const [c1, cb1, c2, cb2, d1, db1, d2, db2] = variables as Variable[] as [
    Variable, Variable, Variable, Variable, Variable, Variable, Variable, Variable,
  ];
  const conv = (x: Tensor, w: Variable, b: Variable) => tf.relu(tf.add(tf.conv2d(x as Tensor4D, w as Tensor4D, 1, 'same'), b));
  return {
    name: 'convnet',
    sampleShape: [28, 28, 1],
    variables,
    loss: (x, y) => {
      let h = tf.maxPool(conv(x, c1, cb1) as Tensor4D, 2, 2, 'valid');
      h = tf.maxPool(conv(h, c2, cb2) as Tensor4D, 2, 2, 'valid');
      const flat = tf.reshape(h, [h.shape[0], 7 * 7 * 64]);
      return tf.losses.softmaxCrossEntropy(y, dense(dense(flat, d1, db1, true), d2, db2, false)) as tf.Scalar;
    },
    dispose: () => tf.dispose(variables),
  };
}

/** Builds a fresh model on the active backend. */
export function buildModel(name: ModelName): BenchModel {
  return name === 'mlp' ? mlp() : convnet();
}

/**
 * One SGD training step (forward, tf.variableGrads, `v -= 0.01 * g`) on a fixed random batch,
 * waiting for the loss value. The batch lives as long as the model.
 */
export function trainingStep(model: BenchModel, batch: number): () => number {
  const x = tf.randomUniform([batch, ...model.sampleShape], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 8), 10);
  const lr = tf.scalar(0.01);
  const dispose = model.dispose;
  (model as { dispose: () => void }).dispose = () => {
    dispose();
    tf.dispose([x, y, lr]);
  };
  return () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => model.loss(x, y), model.variables);
      for (const v of model.variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
      return value.dataSync()[0]!;
    });
}
