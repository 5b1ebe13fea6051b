import { LayerwiseError } from '@layerwise/core';
import { unzipSync, zipSync } from 'fflate';

/** Limits on what an archive may make the reader allocate. */
export interface ZipLimits {
  /** The most bytes all entries may expand to. Default 2 GiB. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

/** Whether an entry name stays inside the folder it would be extracted to. */
function isContained(name: string): boolean {
  return !name.startsWith('/') && !name.includes('\\') && !/^[A-Za-z]:/.test(name) && !name.split('/').includes('..');
}

/**
 * The entries of a zip archive by name. Refuses (before inflating anything) an entry whose path
 * would escape the folder it is extracted to, and archives claiming more than `maxBytes`.
 */
export function readZip(bytes: Uint8Array, source: string, limits: ZipLimits = {}): Record<string, Uint8Array> {
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (!isContained(file.name)) throw new LayerwiseError(`${source}: the archive entry '${file.name}' escapes the archive's folder; refusing the file`);
        total += file.originalSize;
        if (total > max) throw new LayerwiseError(`${source}: the archive's entries claim ${total} bytes (at '${file.name}'), over the ${max}-byte limit`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof LayerwiseError) throw error;
    throw new LayerwiseError(`${source}: not a readable zip archive (${(error as Error).message})`);
  }
}

/** A zip archive of the given entries (weights stored, text deflated, as Keras does). */
export function writeZip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { level: name.endsWith('.h5') ? 0 : 6 }]])));
}
