import * as tf from '@tensorflow/tfjs-core';
import type { DataType } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { concatBytes } from '../bytes.js';

/** How one leaf or branch of an element is written in a cache file's record header. */
type Node =
  | { readonly t: 'tensor'; readonly dtype: 'float32' | 'int32' | 'bool'; readonly shape: number[]; readonly at: number; readonly bytes: number }
  | { readonly t: 'value'; readonly v: number | string | boolean }
  | { readonly t: 'array'; readonly items: Node[] }
  | { readonly t: 'object'; readonly entries: Record<string, Node> };

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/**
 * One element as bytes: a 4-byte little-endian header length, the header (JSON: the element's
 * structure, with each tensor's dtype, shape and place in the payload), then the tensors' values.
 */
export function encodeElement(element: unknown, owner: string): Uint8Array {
  const payload: Uint8Array[] = [];
  let offset = 0;
  const describe = (value: unknown, path: string): Node => {
    if (value instanceof tf.Tensor) {
      if (!(value.dtype in BYTES)) throw new LayerwiseError(`${owner}: cannot write a ${value.dtype} tensor to a cache file (at ${path || 'the top level'})`);
      const data = value.dataSync();
      const bytes = value.dtype === 'bool' ? Uint8Array.from(data as Uint8Array) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      payload.push(bytes);
      const node: Node = { t: 'tensor', dtype: value.dtype as 'float32', shape: [...value.shape], at: offset, bytes: bytes.length };
      offset += bytes.length;
      return node;
    }
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { t: 'value', v: value };
    if (Array.isArray(value)) return { t: 'array', items: value.map((v, i) => describe(v, `${path}[${i}]`)) };
    if (typeof value === 'object' && value !== null) {
      return { t: 'object', entries: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, path ? `${path}.${k}` : k)])) };
    }
    throw new LayerwiseError(`${owner}: cannot write ${String(value)} to a cache file (at ${path || 'the top level'}): elements hold tensors, numbers, strings, booleans, arrays and objects`);
  };
  const header = new TextEncoder().encode(JSON.stringify(describe(element, '')));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, header.length, true);
  return concatBytes([length, header, ...payload]);
}

/** The size of the payload a header describes. */
export function payloadSize(header: unknown): number {
  const walk = (node: Node): number =>
    node.t === 'tensor' ? node.at + node.bytes : node.t === 'array' ? Math.max(0, ...node.items.map(walk)) : node.t === 'object' ? Math.max(0, ...Object.values(node.entries).map(walk)) : 0;
  return walk(header as Node);
}

/** Rebuilds an element (new tensors, owned by the caller) from its header and payload. */
export function decodeElement(header: unknown, payload: Uint8Array): unknown {
  const build = (node: Node): unknown => {
    switch (node.t) {
      case 'tensor': {
        const bytes = payload.slice(node.at, node.at + node.bytes);
        const values = node.dtype === 'bool' ? bytes : node.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
        return tf.tensor(values, node.shape, node.dtype as DataType);
      }
      case 'value':
        return node.v;
      case 'array':
        return node.items.map(build);
      case 'object':
        return Object.fromEntries(Object.entries(node.entries).map(([k, v]) => [k, build(v)]));
    }
  };
  return build(header as Node);
}
