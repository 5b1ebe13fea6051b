import { LayerwiseError } from './errors.js';

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
