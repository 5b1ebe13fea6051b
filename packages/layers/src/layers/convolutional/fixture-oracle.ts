import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '../../engine/layer.js';

// Test support, not exported by the package: runs the PyTorch oracle cases that
// `fixtures/generate.py` writes against the layers.

/** One case of `fixtures/{conv_family,pooling,reshaping}.json`. */
export interface OracleCase {
  layer: string;
  name: string;
  args: Record<string, unknown>;
  xShape: number[];
  x: number[];
  /** The layer's weights in `layer.weights` order, flattened. */
  weights: number[][];
  r: number[];
  yShape: number[];
  y: number[];
  /** Gradient of `sum(y * r)` with respect to x. */
  dx: number[];
  /** Gradients of `sum(y * r)` with respect to each weight. */
  dweights: number[][];
}

/** Reads the cases of one fixture file. */
export function loadOracleCases(file: string): OracleCase[] {
  const path = resolve(__dirname, '../../../fixtures', file);
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: OracleCase[] }).cases;
}

/**
 * Throws unless `actual` matches `expected` within 1e-4 relative, with values near zero compared
 * against 1e-2 of the largest expected magnitude (float32 against a float64 reference).
 */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  const scale = Math.max(...expected.map(Math.abs), 1e-6);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-4 * Math.max(Math.abs(expected[i]!), 1e-2 * scale);
    if (!(Math.abs(actual[i]! - expected[i]!) <= tolerance)) {
      throw new Error(`${what}[${i}]: ${actual[i]} vs PyTorch ${expected[i]} (tolerance ${tolerance.toExponential(2)})`);
    }
  }
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Builds the layer for the case, loads its weights with `setWeights`, and checks the output and
 * the gradients of `sum(y * r)` with respect to the input and every weight; also that nothing leaks.
 */
export function checkOracleCase(c: OracleCase, make: (args: never) => Layer): void {
  const before = tf.memory().numTensors;
  const layer = make(c.args as never);
  const x = tf.tensor(c.x, c.xShape);
  const r = tf.tensor(c.r, c.yShape);
  try {
    layer.ensureBuilt(x.shape);
    if (layer.weights.length !== c.weights.length) throw new Error(`${layer.weights.length} weights, the fixture has ${c.weights.length}`);
    const values = c.weights.map((w, i) => tf.tensor(w, layer.weights[i]!.variable.shape));
    layer.setWeights(values);
    tf.dispose(values);

    const y = layer.apply(x);
    try {
      if (!sameShape(y.shape, c.yShape)) throw new Error(`output shape [${y.shape}], PyTorch [${c.yShape}]`);
      expectClose(y.dataSync(), c.y, 'y');
    } finally {
      y.dispose();
    }

    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input), r));
    const dx = tf.grad(loss)(x);
    try {
      expectClose(dx.dataSync(), c.dx, 'dx');
    } finally {
      dx.dispose();
    }

    if (c.dweights.length > 0) {
      const variables = layer.trainableWeights.map((w) => w.variable);
      const { value, grads } = tf.variableGrads(() => loss(x) as tf.Scalar, variables);
      try {
        variables.forEach((v, i) => expectClose(grads[v.name]!.dataSync(), c.dweights[i]!, `d(${layer.trainableWeights[i]!.name})`));
      } finally {
        value.dispose();
        tf.dispose(grads);
      }
    }
  } finally {
    layer.dispose();
    tf.dispose([x, r]);
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`${c.layer} ${c.name}: leaked ${leaked} tensors`);
}
