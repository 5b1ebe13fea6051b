import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type OptimizerStateSnapshot } from '@layerwise/core';

/** What a training backup holds: where the run was, the weights, the optimizer's state. */
export interface TrainingBackup {
  /** The last completed epoch (from 0). */
  readonly epoch: number;
  readonly weights: readonly Tensor[];
  readonly optimizer: OptimizerStateSnapshot | undefined;
}

interface TensorSpec {
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32' | 'bool';
  readonly offset: number;
  readonly bytes: number;
}

interface Header {
  readonly format: 'layerwise-backup';
  readonly version: 1;
  readonly epoch: number;
  readonly weights: TensorSpec[];
  readonly optimizer?: {
    readonly iterations: number;
    readonly learningRate?: number;
    readonly slots: { variableName: string; values: Record<string, TensorSpec> }[];
  };
}

const MAGIC = 'LWBK';

/**
 * Encodes a backup as one file: `LWBK`, the JSON header's length (uint32, little-endian), the
 * header (shapes, dtypes, byte ranges, epoch, optimizer step and learning rate), then the raw values.
 */
export async function encodeBackup(backup: TrainingBackup): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const spec = async (t: Tensor): Promise<TensorSpec> => {
    if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') throw new LayerwiseError(`BackupAndRestore: cannot back up a ${t.dtype} tensor`);
    const values = await t.data();
    const bytes = t.dtype === 'bool' ? Uint8Array.from(values as ArrayLike<number>) : new Uint8Array((values as Float32Array | Int32Array).slice().buffer);
    chunks.push(bytes);
    const entry = { shape: [...t.shape], dtype: t.dtype, offset, bytes: bytes.length };
    offset += bytes.length;
    return entry;
  };
  const weights: TensorSpec[] = [];
  for (const w of backup.weights) weights.push(await spec(w));
  let optimizer: Header['optimizer'];
  if (backup.optimizer) {
    const slots: { variableName: string; values: Record<string, TensorSpec> }[] = [];
    for (const slot of backup.optimizer.slots) {
      const values: Record<string, TensorSpec> = {};
      for (const [name, t] of Object.entries(slot.values)) values[name] = await spec(t);
      slots.push({ variableName: slot.variableName, values });
    }
    optimizer = { iterations: backup.optimizer.iterations, ...(backup.optimizer.learningRate !== undefined && { learningRate: backup.optimizer.learningRate }), slots };
  }
  const header: Header = { format: 'layerwise-backup', version: 1, epoch: backup.epoch, weights, ...(optimizer && { optimizer }) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Decodes {@link encodeBackup}'s file; the caller owns the tensors. Errors name `source`. */
export function decodeBackup(bytes: Uint8Array, source: string): TrainingBackup {
  const fail = (why: string) => new LayerwiseError(`BackupAndRestore: ${source} is not a usable backup (${why})`);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw fail('no LWBK magic');
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  if (8 + length > bytes.length) throw fail('truncated header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  } catch {
    throw fail('unreadable header');
  }
  if (header.format !== 'layerwise-backup' || header.version !== 1) throw fail(`format ${String(header.format)} version ${String(header.version)}`);
  const data = bytes.subarray(8 + length);
  const tensor = (spec: TensorSpec): Tensor => {
    if (spec.offset + spec.bytes > data.length) throw fail(`a tensor's bytes ${spec.offset}..${spec.offset + spec.bytes} run past the file's ${data.length}`);
    const raw = data.slice(spec.offset, spec.offset + spec.bytes);
    const values = spec.dtype === 'float32' ? new Float32Array(raw.buffer) : spec.dtype === 'int32' ? new Int32Array(raw.buffer) : raw;
    return tf.tensor(values, spec.shape, spec.dtype);
  };
  const weights = header.weights.map(tensor);
  const optimizer = header.optimizer && {
    iterations: header.optimizer.iterations,
    ...(header.optimizer.learningRate !== undefined && { learningRate: header.optimizer.learningRate }),
    slots: header.optimizer.slots.map((s) => ({ variableName: s.variableName, values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, tensor(v)])) })),
  };
  return { epoch: header.epoch, weights, optimizer };
}

/** Frees a backup's tensors. */
export function disposeBackup(backup: TrainingBackup): void {
  tf.dispose([...backup.weights, ...(backup.optimizer?.slots.flatMap((s) => Object.values(s.values)) ?? [])]);
}
