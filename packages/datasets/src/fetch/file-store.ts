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

/** A temporary download not written to for this long belongs to a process that died: it is deleted. */
export const STALE_PART_MS = 10 * 60 * 1000;

/**
 * Deletes the temporary files (`<target>.*.part`) that downloads killed mid-way left beside
 * `target`, once they are older than {@link STALE_PART_MS} (a live download keeps writing to its own).
 */
export async function removeStaleParts(node: NodeModules, target: string, now = Date.now()): Promise<void> {
  const directory = node.path.dirname(target);
  const prefix = `${node.path.basename(target)}.`;
  let names: string[];
  try {
    names = await node.fs.readdir(directory);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
    const path = node.path.join(directory, name);
    const stat = await node.fs.stat(path).catch(() => undefined);
    if (stat && now - stat.mtimeMs > STALE_PART_MS) await removeFile(node, path);
  }
}
