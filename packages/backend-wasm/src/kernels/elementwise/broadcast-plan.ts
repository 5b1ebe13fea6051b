import { backend_util, util } from '@tensorflow/tfjs-core';

/**
 * How a float32 binary op's operands line up with its output, for the layouts that need no index
 * arithmetic: equal shapes, one operand a single value, one operand repeating along the trailing
 * dimensions of the other (a bias of shape [C] against [N, H, W, C]), or one operand holding one
 * value per row of `inner` output values (a [N, 1] sum with keepDims against [N, C]).
 */
export type BroadcastPlan =
  | { kind: 'same'; size: number }
  | { kind: 'scalarA' | 'scalarB'; size: number }
  | { kind: 'trailingA' | 'trailingB' | 'rowsA' | 'rowsB'; size: number; inner: number }
  | { kind: 'other' };

function stripLeadingOnes(shape: number[]): number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}

/** Plans `a op b`; throws tfjs' error when the shapes do not broadcast. */
export function planBroadcast(aShape: number[], bShape: number[]): { outShape: number[]; plan: BroadcastPlan } {
  const outShape = backend_util.assertAndGetBroadcastShape(aShape, bShape);
  const size = util.sizeFromShape(outShape);
  const aSize = util.sizeFromShape(aShape);
  const bSize = util.sizeFromShape(bShape);
  if (aSize === size && bSize === size) return { outShape, plan: { kind: 'same', size } };
  if (bSize === 1 && aSize === size) return { outShape, plan: { kind: 'scalarB', size } };
  if (aSize === 1 && bSize === size) return { outShape, plan: { kind: 'scalarA', size } };
  const trailing = (small: number[]) => {
    const s = stripLeadingOnes(small);
    return s.length > 0 && util.arraysEqual(s, outShape.slice(outShape.length - s.length));
  };
  if (aSize === size && trailing(bShape)) return { outShape, plan: { kind: 'trailingB', size, inner: bSize } };
  if (bSize === size && trailing(aShape)) return { outShape, plan: { kind: 'trailingA', size, inner: aSize } };
  // One value per row: the shape is the output's leading dimensions, then ones.
  const rows = (small: number[], smallSize: number) => {
    const padded = [...new Array<number>(outShape.length - small.length).fill(1), ...small];
    let k = padded.length;
    while (k > 0 && padded[k - 1] === 1) k--;
    return smallSize > 1 && smallSize < size && util.arraysEqual(padded.slice(0, k), outShape.slice(0, k));
  };
  if (aSize === size && rows(bShape, bSize)) return { outShape, plan: { kind: 'rowsB', size, inner: size / bSize } };
  if (bSize === size && rows(aShape, aSize)) return { outShape, plan: { kind: 'rowsA', size, inner: size / aSize } };
  return { outShape, plan: { kind: 'other' } };
}
