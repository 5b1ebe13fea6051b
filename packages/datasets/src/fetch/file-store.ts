import type { NodeModules } from '../node-modules.js';

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

/** The bytes of the file at `path`, or `undefined` when there is no such file. */
export async function readIfPresent(node: NodeModules, path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await node.fs.readFile(path));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Deletes the file at `path`; a file already gone is not an error. */
export async function removeFile(node: NodeModules, path: string): Promise<void> {
  try {
    await node.fs.unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** A fresh temporary file name beside `target` (`<target>.<random>.part`), unique across processes. */
export function temporaryPath(target: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${target}.${Date.now().toString(36)}-${random}.part`;
}
