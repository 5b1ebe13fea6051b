import { LayerwiseError } from '@layerwise/core';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder (created if missing),
 * renamed over the target once complete: an interrupted or failed write leaves the previous file
 * as it was.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string, owner: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await fs.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw new LayerwiseError(`${owner}: cannot write '${path}': ${(error as Error).message}`);
  }
}

/** Reads a whole file, with an error naming it and `owner`. */
export async function readFileBytes(path: string, owner: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (error) {
    throw new LayerwiseError(`${owner}: cannot read '${path}': ${(error as Error).message}`);
  }
}
