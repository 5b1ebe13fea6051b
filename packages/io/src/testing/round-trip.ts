import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { AnyModel } from '../weights/weight-groups.js';
import { expectIdentical } from './compare.js';

const list = (value: Tensor | Tensor[]) => (Array.isArray(value) ? value : [value]);

/** Asserts two models predict bit for bit the same on `x`. */
export function expectSamePredictions(a: AnyModel, b: AnyModel, x: Tensor[]): void {
  const [p, q] = [list(a.predictOnBatch(x)), list(b.predictOnBatch(x))];
  expect(q).toHaveLength(p.length);
  p.forEach((t, i) => expectIdentical(q[i]!, t));
  tf.dispose([...p, ...q]);
}

/** Asserts that one more training step on both models gives the same logs and bit-identical weights. */
export async function expectSameNextStep(a: AnyModel, b: AnyModel, x: Tensor[], y: Tensor[]): Promise<void> {
  const [logsA, logsB] = [await a.trainOnBatch(x, y), await b.trainOnBatch(x, y)];
  expect(logsB).toEqual(logsA);
  const [wa, wb] = [a.getWeights(), b.getWeights()];
  wa.forEach((t, i) => expectIdentical(wb[i]!, t));
  tf.dispose([...wa, ...wb]);
}

/** Debian's Python, which has python3-h5py (`apt-get install -y python3-h5py`). */
export const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Runs a Python script with arguments and returns its standard output (throws with its stderr on failure). */
export function runPython(script: string, args: readonly string[]): string {
  return execFileSync(python, [script, ...args], { encoding: 'utf8' }).trim();
}
