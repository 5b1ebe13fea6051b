import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { writeFileAtomic } from '@layerwise/core';

/** The element types an `.npy` file from Layerwise holds, with their numpy descriptors. */
const DESCRIPTORS = { float32: '<f4', int32: '<i4', bool: '|b1' } as const;
type NpyDtype = keyof typeof DESCRIPTORS;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** An array as an `.npy` file holds it. */
export interface NpyArray {
  readonly shape: readonly number[];
  readonly dtype: NpyDtype;
  readonly data: Float32Array | Int32Array | Uint8Array;
}

/**
 * Encodes an array in numpy's `.npy` format (version 1.0: the magic string, a header dictionary
 * padded so the data starts on a 64-byte boundary, then the values little-endian in C order), which
 * `numpy.load` reads.
 */
export function encodeNpy(array: NpyArray): Uint8Array {
  const { shape, dtype, data } = array;
  const size = shape.reduce((n, d) => n * d, 1);
  if (data.length !== size) throw new LayerwiseError(`encodeNpy: shape [${shape.join(', ')}] holds ${size} values, data has ${data.length}`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${DESCRIPTORS[dtype]}', 'fortran_order': False, 'shape': ${dims}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += `${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(MAGIC.length + 4 + header.length + body.length);
  out.set(MAGIC, 0);
  out.set([1, 0], 6);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out;
}

/** Decodes a version 1.0 `.npy` file of float32, int32 or bool values in C order (what {@link encodeNpy} writes). */
export function decodeNpy(bytes: Uint8Array, source = 'decodeNpy'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new LayerwiseError(`${source}: not an .npy file (no \\x93NUMPY magic)`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const dtype = (Object.keys(DESCRIPTORS) as NpyDtype[]).find((d) => DESCRIPTORS[d] === descr);
  if (!dtype) throw new LayerwiseError(`${source}: unsupported element type ${descr ?? '(none)'}; float32 (<f4), int32 (<i4) and bool are read`);
  if (/'fortran_order':\s*True/.test(header)) throw new LayerwiseError(`${source}: Fortran-ordered arrays are not read`);
  const dims = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = dims.split(',').map((d) => d.trim()).filter((d) => d !== '').map(Number);
  const size = shape.reduce((n, d) => n * d, 1);
  const start = 10 + headerLength;
  const itemSize = dtype === 'bool' ? 1 : 4;
  if (bytes.length - start !== size * itemSize) throw new LayerwiseError(`${source}: shape (${dims}) needs ${size * itemSize} bytes of data, the file has ${bytes.length - start}`);
  const copy = bytes.slice(start).buffer;
  const data = dtype === 'float32' ? new Float32Array(copy) : dtype === 'int32' ? new Int32Array(copy) : new Uint8Array(copy);
  return { shape, dtype, data };
}

/** A tensor as `.npy` bytes (read asynchronously; the tensor is not disposed). */
export async function tensorToNpy(tensor: Tensor): Promise<Uint8Array> {
  const values = await tensor.data();
  const dtype = tensor.dtype === 'bool' ? 'bool' : tensor.dtype === 'int32' ? 'int32' : tensor.dtype === 'float32' ? 'float32' : undefined;
  if (!dtype) throw new LayerwiseError(`tensorToNpy: ${tensor.dtype} tensors are not written; cast to float32 first`);
  const data = dtype === 'bool' ? Uint8Array.from(values as ArrayLike<number>) : (values as Float32Array | Int32Array);
  return encodeNpy({ shape: tensor.shape, dtype, data });
}

/** Writes a tensor to an `.npy` file (Node; through a temporary file, so a failed write leaves no partial file). */
export async function saveNpy(path: string, tensor: Tensor): Promise<void> {
  await writeFileAtomic(path, await tensorToNpy(tensor), 'saveNpy');
}

/** Reads an `.npy` file into a tensor (Node). */
export async function loadNpy(path: string): Promise<Tensor> {
  const fs = await import('node:fs/promises');
  const array = decodeNpy(new Uint8Array(await fs.readFile(path)), path);
  return tf.tensor(array.data, [...array.shape], array.dtype);
}
