// Checks every common gradient of the built package against central finite differences, in plain
// Node (no vitest transforms), as an application loads it. Usage: node test/dist-gradients.cjs
// <dist/index.cjs | dist/index.js>. Prints one JSON line: { checked, failures: [...] }.
const { pathToFileURL } = require('node:url');
const tf = require('@tensorflow/tfjs-core');

const CASES = {
  matMul: [[3, 4], (x, w) => tf.matMul(x, w.matrix43)],
  conv2d: [[1, 5, 5, 2], (x, w) => tf.conv2d(x, w.filter, 1, 'same')],
  conv2dStrided: [[1, 6, 6, 2], (x, w) => tf.conv2d(x, w.filter, 2, 'valid')],
  conv2dTranspose: [[1, 3, 3, 3], (x, w) => tf.conv2dTranspose(x, w.filter, [1, 6, 6, 2], 2, 'same')],
  depthwiseConv2d: [[1, 5, 5, 2], (x, w) => tf.depthwiseConv2d(x, w.depthwise, 1, 'same')],
  separableConv2d: [[1, 5, 5, 2], (x, w) => tf.separableConv2d(x, w.depthwise, w.pointwise, 1, 'same')],
  maxPool: [[1, 4, 4, 2], (x) => tf.maxPool(x, 2, 2, 'valid')],
  avgPool: [[1, 4, 4, 2], (x) => tf.avgPool(x, 2, 1, 'same')],
  relu: [[12], (x) => tf.relu(x)],
  relu6: [[12], (x) => tf.relu6(tf.mul(x, 4))],
  elu: [[12], (x) => tf.elu(x)],
  selu: [[12], (x) => tf.selu(x)],
  leakyRelu: [[12], (x) => tf.leakyRelu(x, 0.2)],
  prelu: [[12], (x, w) => tf.prelu(x, w.alpha12)],
  sigmoid: [[12], (x) => tf.sigmoid(x)],
  tanh: [[12], (x) => tf.tanh(x)],
  softplus: [[12], (x) => tf.softplus(x)],
  exp: [[12], (x) => tf.exp(x)],
  log: [[12], (x) => tf.log(tf.add(tf.abs(x), 0.5))],
  sqrt: [[12], (x) => tf.sqrt(tf.add(tf.square(x), 1))],
  rsqrt: [[12], (x) => tf.rsqrt(tf.add(tf.square(x), 1))],
  pow: [[12], (x) => tf.pow(tf.add(tf.abs(x), 0.5), tf.scalar(2.5))],
  div: [[12], (x, w) => tf.div(w.v12, tf.add(tf.square(x), 1))],
  subMul: [[3, 4], (x, w) => tf.mul(tf.sub(x, w.row4), x)],
  mean: [[3, 4], (x) => tf.mean(x, 1)],
  max: [[3, 4], (x) => tf.max(x, 1)],
  min: [[3, 4], (x) => tf.min(x, 0)],
  maximum: [[12], (x, w) => tf.maximum(x, w.v12)],
  minimum: [[12], (x, w) => tf.minimum(x, w.v12)],
  concat: [[2, 3], (x) => tf.concat([x, tf.mul(x, 2)], 1)],
  slice: [[3, 4], (x) => tf.slice(x, [1, 1], [2, 2])],
  gather: [[4, 3], (x) => tf.gather(x, tf.tensor1d([3, 0, 3], 'int32'))],
  pad: [[2, 3], (x) => tf.pad(x, [[1, 0], [0, 2]])],
  mirrorPad: [[2, 3], (x) => tf.mirrorPad(x, [[1, 1], [1, 1]], 'reflect')],
  transpose: [[2, 3, 2], (x) => tf.transpose(x, [2, 0, 1])],
  tile: [[2, 3], (x) => tf.tile(x, [2, 1])],
  // (A copy: reversing unstack's own array in place would reorder the outputs tfjs' tape recorded.)
  stackUnstack: [[3, 4], (x) => tf.stack(tf.unstack(x, 1).slice().reverse(), 0)],
  avgPoolValid: [[1, 4, 4, 2], (x) => tf.avgPool(x, 2, 1, 'valid')],
  avgPoolSameStrided: [[1, 5, 5, 1], (x) => tf.avgPool(x, 3, 2, 'same')],
  mirrorPadSymmetric: [[2, 3], (x) => tf.mirrorPad(x, [[2, 1], [0, 3]], 'symmetric')],
  split: [[4, 3], (x) => tf.split(x, 2, 0)[1]],
  batchNorm: [[4, 3], (x, w) => tf.batchNorm(x, tf.mean(x, 0), tf.add(tf.moments(x, 0).variance, 0.1), w.row3, w.row3b, 1e-3)],
  logSoftmax: [[2, 5], (x) => tf.logSoftmax(x)],
  softmax: [[2, 5], (x) => tf.softmax(x)],
  clipByValue: [[12], (x) => tf.clipByValue(x, -0.5, 0.5)],
  where: [[12], (x, w) => tf.where(w.cond12, tf.square(x), tf.mul(x, 3))],
  resizeBilinear: [[1, 3, 3, 2], (x) => tf.image.resizeBilinear(x, [5, 5])],
  resizeNearest: [[1, 3, 3, 2], (x) => tf.image.resizeNearestNeighbor(x, [6, 6])],
  cumsum: [[12], (x) => tf.cumsum(x)],
  abs: [[12], (x) => tf.abs(x)],
  reciprocal: [[12], (x) => tf.reciprocal(tf.add(tf.square(x), 1))],
  trig: [[12], (x) => tf.add(tf.sin(x), tf.mul(tf.cos(x), tf.atan(x)))],
  erf: [[12], (x) => tf.erf(x)],
  squaredDifference: [[12], (x, w) => tf.squaredDifference(x, w.v12)],
  prod: [[3, 4], (x) => tf.prod(x, 1)],
  reverse: [[3, 4], (x) => tf.reverse(x, 1)],
  expandDims: [[3, 4], (x) => tf.expandDims(x, 1)],
  lrn: [[1, 2, 2, 4], (x) => tf.localResponseNormalization(x, 1, 1, 1, 0.5)],
  unsortedSegmentSum: [[4, 2], (x) => tf.unsortedSegmentSum(x, tf.tensor1d([0, 2, 0, 1], 'int32'), 3)],
};

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function weights() {
  const r = seeded(7);
  const t = (shape) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r() * 2 - 1), shape);
  return {
    matrix43: t([4, 3]), filter: t([3, 3, 2, 3]), depthwise: t([3, 3, 2, 2]), pointwise: t([1, 1, 4, 3]), alpha12: t([12]),
    v12: t([12]), row4: t([4]), row3: t([3]), row3b: t([3]), cond12: tf.tensor1d(Array.from({ length: 12 }, () => r() < 0.5), 'bool'),
  };
}

async function main() {
  const path = require('node:path').resolve(process.argv[2]);
  const core = path.endsWith('.cjs') ? require(path) : await import(pathToFileURL(path).href);
  await core.useBackend('cpu');
  const w = weights();
  const failures = [];
  let checked = 0;
  for (const [name, [shape, op]] of Object.entries(CASES)) {
    const r = seeded(name.length * 31 + 1);
    const size = shape.reduce((a, b) => a * b, 1);
    // Values away from kinks (0, ±0.5) and pairwise distinct, so max/relu/clip have one derivative.
    const values = Array.from({ length: size }, (_, i) => (r() < 0.5 ? -1 : 1) * (0.15 + 0.8 * r()) + i * 1e-3);
    const out = op(tf.tensor(values, shape), w);
    const projection = tf.tensor(Array.from({ length: out.size }, () => r() * 2 - 1), out.shape);
    const f = (x) => tf.sum(tf.mul(op(x, w), projection));
    const analytic = tf.grad(f)(tf.tensor(values, shape)).dataSync();
    const eps = 1e-2;
    for (let i = 0; i < size; i++) {
      const plus = values.slice();
      const minus = values.slice();
      plus[i] += eps;
      minus[i] -= eps;
      const numeric = (f(tf.tensor(plus, shape)).dataSync()[0] - f(tf.tensor(minus, shape)).dataSync()[0]) / (2 * eps);
      checked++;
      if (!(Math.abs(analytic[i] - numeric) <= 2e-2 * Math.max(1, Math.abs(numeric)))) {
        failures.push(`${name}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`);
      }
    }
  }
  console.log(JSON.stringify({ checked, cases: Object.keys(CASES).length, failures }));
}

main().catch((error) => {
  console.log(JSON.stringify({ error: String(error && error.stack || error) }));
  process.exitCode = 1;
});
