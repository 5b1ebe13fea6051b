import { LayerwiseError } from '@layerwise/core';
import type { File as H5File } from 'h5wasm';

type H5wasm = typeof import('h5wasm');

let loading: Promise<{ h5: H5wasm; fs: { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void } }> | undefined;
let counter = 0;

/** h5wasm (the HDF5 C library in WebAssembly, Node and browsers alike), loaded on first use. */
async function runtime() {
  loading ??= import('h5wasm').then(async (h5) => {
    const module = await h5.ready;
    return { h5, fs: module.FS as never };
  });
  return loading;
}

/**
 * Opens HDF5 bytes (in h5wasm's in-memory file system) and runs `read` on the file; the file is
 * closed and removed afterwards. Bytes that are not HDF5 give an error naming `source`.
 */
export async function readH5<T>(bytes: Uint8Array, source: string, read: (file: H5File) => T): Promise<T> {
  if (!hasSignature(bytes)) throw new LayerwiseError(`${source}: not an HDF5 file (no HDF5 signature; ${bytes.byteLength} bytes)`);
  const { h5, fs } = await runtime();
  const path = `/layerwise-read-${++counter}.h5`;
  fs.writeFile(path, bytes);
  let file: H5File | undefined;
  try {
    try {
      file = new h5.File(path, 'r');
    } catch (error) {
      throw new LayerwiseError(`${source}: not a readable HDF5 file (${String((error as Error)?.message ?? error)})`);
    }
    return read(file);
  } finally {
    file?.close();
    fs.unlink(path);
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the HDF5 signature is at offset 0, 512, 1024, 2048, ... as the format places it. */
function hasSignature(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + 8 <= bytes.byteLength; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

/** Creates an HDF5 file, lets `write` fill it, and returns its bytes. */
export async function writeH5(write: (file: H5File) => void): Promise<Uint8Array> {
  const { h5, fs } = await runtime();
  const path = `/layerwise-write-${++counter}.h5`;
  const file = new h5.File(path, 'w');
  try {
    write(file);
  } finally {
    file.close();
  }
  try {
    return fs.readFile(path).slice();
  } finally {
    fs.unlink(path);
  }
}
