import { LayerwiseError } from '@layerwise/core';
import { concatBytes } from '../bytes.js';
import type { NodeModules } from '../node-modules.js';

/** Where downloaded bytes go: kept in memory, and written to a file when there is a file system. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Forgets everything written (a download restarting from the first byte). */
  reset(): Promise<void>;
  /** Everything written, as one array. */
  bytes(): Uint8Array;
  /** Closes the file, if any. */
  close(): Promise<void>;
}

/** A sink keeping the bytes in memory and, with `file`, writing them to that file as they come. */
export async function openSink(file?: { node: NodeModules; path: string }): Promise<ByteSink> {
  const chunks: Uint8Array[] = [];
  const handle = file ? await file.node.fs.open(file.path, 'w') : undefined;
  let position = 0;
  return {
    async write(chunk) {
      chunks.push(chunk);
      try {
        await handle?.write(chunk, 0, chunk.length, position);
      } catch (error) {
        throw new LayerwiseError(`cannot write the download's temporary file ${file?.path}: ${(error as Error).message}`);
      }
      position += chunk.length;
    },
    async reset() {
      chunks.length = 0;
      position = 0;
      await handle?.truncate(0);
    },
    bytes: () => concatBytes(chunks),
    async close() {
      await handle?.close();
    },
  };
}
