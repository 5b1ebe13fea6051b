import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';
import type { Dataset, Group } from 'h5wasm';

/** Whether an h5wasm entity is a group (checked by its type, so that h5wasm loads only when used). */
export const isGroup = (entity: unknown): entity is Group => (entity as { type?: string } | null)?.type === 'Group';
/** Whether an h5wasm entity is a dataset. */
export const isDataset = (entity: unknown): entity is Dataset => (entity as { type?: string } | null)?.type === 'Dataset';

/** An attribute as a string (Keras stores JSON and names as byte strings). */
export function stringAttr(owner: Group | Dataset, name: string): string | undefined {
  const value = owner.attrs[name]?.value;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}

/** A list-of-names attribute (`layer_names`, `weight_names`); empty when absent or empty. */
export function namesAttr(owner: Group, name: string): string[] {
  const value = owner.attrs[name]?.value;
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)));
  return [];
}

const itemBytes = (dtype: string) => Number(/(\d+)$/.exec(dtype)?.[1] ?? ({ f: 4, d: 8, e: 2, b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, q: 8, Q: 8 } as Record<string, number>)[dtype.replace(/^[<>|=]/, '')] ?? 8);

/**
 * A numeric dataset as a tensor: float32 for any float, int32 for any integer. The size its shape
 * claims is checked against `fileBytes` before anything is read, so a hostile file cannot make
 * the reader allocate gigabytes.
 */
export function datasetTensor(dataset: Dataset, path: string, fileBytes: number, source: string): Tensor {
  const shape = dataset.shape ?? [];
  const count = shape.reduce((n, d) => n * d, 1);
  const bytes = count * itemBytes(String(dataset.dtype));
  // Keras never compresses weights; allow generous slack for files that do.
  if (bytes > 64 * fileBytes + 1024) {
    throw new LayerwiseError(`${source}: dataset '${path}' claims shape ${formatShape(shape)} (${bytes} bytes), more than the ${fileBytes}-byte file can hold`);
  }
  const raw = dataset.value;
  const dtype = String(dataset.dtype);
  // Scalars come back as a number or a bigint.
  const value = typeof raw === 'number' || typeof raw === 'bigint' ? [Number(raw)] : raw;
  if (!(ArrayBuffer.isView(value) || Array.isArray(value))) throw new LayerwiseError(`${source}: dataset '${path}' is not numeric (dtype ${dtype})`);
  const isFloat = /[fde]/.test(dtype);
  const numbers = value instanceof BigInt64Array || value instanceof BigUint64Array ? Array.from(value, Number) : (value as ArrayLike<number>);
  if (numbers.length !== count) throw new LayerwiseError(`${source}: dataset '${path}' holds ${numbers.length} values for shape ${formatShape(shape)}`);
  return isFloat ? tf.tensor(Float32Array.from(numbers), shape, 'float32') : tf.tensor(Int32Array.from(numbers), shape, 'int32');
}

/** Writes a tensor as a dataset: float32 as `<f4`, int32 as `<i4` (int64 when `int64`; h5wasm spells them `<f`, `<i`, `<q`). */
export function writeTensor(group: Group, name: string, tensor: Tensor, int64 = false): void {
  const values = tensor.dataSync();
  const shape = [...tensor.shape];
  if (tensor.dtype === 'float32') group.create_dataset({ name, data: values as Float32Array, shape, dtype: '<f' });
  // h5wasm widens plain numbers to int64 itself.
  else if (int64) group.create_dataset({ name, data: Array.from(values as Int32Array), shape, dtype: '<q' });
  else group.create_dataset({ name, data: Int32Array.from(values as Int32Array), shape, dtype: '<i' });
}

/** Writes names as h5py writes a list of byte strings (fixed-length, as Keras reads them). */
export function writeNamesAttr(group: Group, name: string, names: readonly string[]): void {
  const width = Math.max(1, ...names.map((n) => new TextEncoder().encode(n).length));
  group.create_attribute(name, [...names], [names.length], `S${width}`);
}

/** Writes a string attribute as one fixed-length byte string (as Keras' `json.dumps(...).encode()`). */
export function writeStringAttr(group: Group, name: string, value: string): void {
  group.create_attribute(name, value, null, `S${Math.max(1, new TextEncoder().encode(value).length)}`);
}
