import { LayerwiseError } from '@layerwise/core';

/** Reads a whole file, with an error naming it and `owner`. */
export async function readFileBytes(path: string, owner: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (error) {
    throw new LayerwiseError(`${owner}: cannot read '${path}': ${(error as Error).message}`);
  }
}
