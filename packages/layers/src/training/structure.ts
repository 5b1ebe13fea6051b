import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type BatchTensors } from '@layerwise/core';

// The forms a model's inputs and targets take (core's `BatchTensors`): one tensor, a list in the
// model's input or output order, or a record keyed by input or output name.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `value` is a tensor, a non-empty list of tensors or a non-empty record of tensors. */
export function isTensorStructure(value: unknown): value is BatchTensors {
  if (value instanceof tf.Tensor) return true;
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v instanceof tf.Tensor);
  if (isPlainObject(value)) {
    const values = Object.values(value);
    return values.length > 0 && values.every((v) => v instanceof tf.Tensor);
  }
  return false;
}

/** The tensors with how messages name them: `x`, `x[1]`, `y["score"]`. */
export function labelledTensors(value: BatchTensors, label: string): [string, Tensor][] {
  if (value instanceof tf.Tensor) return [[label, value]];
  if (Array.isArray(value)) return (value as readonly Tensor[]).map((t, i) => [`${label}[${i}]`, t]);
  return Object.entries(value as Readonly<Record<string, Tensor>>).map(([k, t]) => [`${label}[${JSON.stringify(k)}]`, t]);
}

/** Every tensor of a structure. */
export function tensorsOf(value: BatchTensors): Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  return Array.isArray(value) ? [...(value as readonly Tensor[])] : Object.values(value as Readonly<Record<string, Tensor>>);
}

/** The same structure with `fn` applied to each tensor. */
export function mapTensors(value: BatchTensors, fn: (t: Tensor) => Tensor): BatchTensors {
  if (value instanceof tf.Tensor) return fn(value);
  if (Array.isArray(value)) return (value as readonly Tensor[]).map(fn);
  return Object.fromEntries(Object.entries(value as Readonly<Record<string, Tensor>>).map(([k, t]) => [k, fn(t)]));
}

/** The batch size of a structure: its first tensor's first dimension. */
export function batchSizeOf(value: BatchTensors): number {
  return tensorsOf(value)[0]?.shape[0] ?? 1;
}

/**
 * Puts a model's inputs (or targets) in the model's order: `names` are the model's input (or
 * output) names; an empty list stands for one unnamed input, as in a Sequential not built yet.
 * One tensor fits a model with one; a list must have one per name, in order; a record must have a
 * key per name and no other.
 */
export function arrangeTensors(owner: string, side: 'input' | 'output', names: readonly string[], value: BatchTensors): Tensor[] {
  const what = side === 'input' ? 'inputs' : 'targets';
  const count = Math.max(names.length, 1);
  const listing = names.length > 0 ? ` (${names.join(', ')})` : '';
  if (value instanceof tf.Tensor) {
    if (count === 1) return [value];
    throw new LayerwiseError(
      `${owner}: the model has ${count} ${side}s${listing}, received one tensor of ${what}; pass a list in that order or a record keyed by ${side} name`,
    );
  }
  if (Array.isArray(value)) {
    if (value.length !== count) {
      throw new LayerwiseError(`${owner}: the model has ${count} ${side}${count === 1 ? '' : 's'}${listing}, received a list of ${value.length} ${what}`);
    }
    return [...(value as readonly Tensor[])];
  }
  const record = value as Readonly<Record<string, Tensor>>;
  const keys = Object.keys(record);
  if (names.length === 0) {
    if (keys.length === 1) return [record[keys[0]!]!];
    throw new LayerwiseError(`${owner}: the model has one ${side}, received a record of ${keys.length} ${what} (${keys.join(', ')})`);
  }
  const unknown = keys.filter((k) => !names.includes(k));
  if (unknown.length > 0) {
    throw new LayerwiseError(`${owner}: no ${side} named ${unknown.map((k) => `"${k}"`).join(', ')}; the model's ${side}s are ${names.join(', ')}`);
  }
  const missing = names.filter((n) => !(n in record));
  if (missing.length > 0) {
    throw new LayerwiseError(`${owner}: ${what} for ${side} ${missing.map((k) => `"${k}"`).join(', ')} missing; the model's ${side}s are ${names.join(', ')}`);
  }
  return names.map((n) => record[n]!);
}
