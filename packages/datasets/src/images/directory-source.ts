import { LayerwiseError } from '@layerwise/core';

/** One entry of a folder: a file or a sub-folder. */
export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
}

/**
 * A tree of folders and files to list images from: a folder on disk (Node), and in browsers a
 * `FileList` or a File System Access directory handle. Paths inside it are `/`-separated and
 * relative to its root (`''` is the root).
 */
export interface DirectorySource {
  /** The root, as named in messages (a path on disk, a folder's name). */
  readonly root: string;
  /** The entries of the folder at `relative` (any order; the lister sorts them). */
  entries(relative: string): Promise<DirectoryEntry[]>;
  /** The path of `relative` as the user knows it (absolute on disk): named in errors, given to the decoder. */
  resolve(relative: string): string;
}

/** A folder on disk as a {@link DirectorySource}; symbolic links to folders are followed only with `followLinks`. */
export async function nodeDirectory(dir: string, followLinks: boolean, owner: string): Promise<DirectorySource> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new LayerwiseError(`${owner}: the directory '${dir}' does not exist`);
  }
  if (!stat.isDirectory()) throw new LayerwiseError(`${owner}: '${dir}' is not a directory`);
  const resolve = (relative: string) => (relative === '' ? dir : path.join(dir, ...relative.split('/')));
  return {
    root: dir,
    resolve,
    async entries(relative) {
      const out: DirectoryEntry[] = [];
      for (const entry of await fs.readdir(resolve(relative), { withFileTypes: true })) {
        if (entry.isDirectory()) out.push({ name: entry.name, kind: 'directory' });
        else if (entry.isFile()) out.push({ name: entry.name, kind: 'file' });
        else if (entry.isSymbolicLink()) {
          // Links to files count as files (as os.walk lists them); links to folders only when followed.
          const target = await fs.stat(path.join(resolve(relative), entry.name)).catch(() => undefined);
          if (target?.isFile()) out.push({ name: entry.name, kind: 'file' });
          else if (target?.isDirectory() && followLinks) out.push({ name: entry.name, kind: 'directory' });
        }
      }
      return out;
    },
  };
}
