import { LayerwiseError } from '@layerwise/core';
import type { DirectoryEntry, DirectorySource } from './directory-source.js';

/** A folder tree whose files can be read as `Blob`s (browsers). */
export interface BlobDirectorySource extends DirectorySource {
  open(relative: string): Promise<Blob>;
}

/** A `File` with the path `<input webkitdirectory>` gives it (`'photos/ants/1.jpg'`). */
export interface FileWithPath extends Blob {
  readonly name: string;
  readonly webkitRelativePath?: string;
}

/** The part of a File System Access `FileSystemDirectoryHandle` read here. */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<{ readonly kind: 'file' | 'directory'; readonly name: string }>;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<{ getFile(): Promise<Blob> }>;
}

/** Whether `value` looks like a directory handle. */
export function isDirectoryHandle(value: unknown): value is DirectoryHandleLike {
  return typeof value === 'object' && value !== null && (value as DirectoryHandleLike).kind === 'directory' && typeof (value as DirectoryHandleLike).getDirectoryHandle === 'function';
}

/**
 * Files chosen by the user (a `FileList` from `<input type="file" webkitdirectory>`, or dropped
 * files) as a folder tree: each file sits at its `webkitRelativePath` (its name when it has none),
 * the selected folder's own name, shared by every path, being left out.
 */
export function fileListSource(files: ArrayLike<FileWithPath>, owner: string): BlobDirectorySource {
  const list = Array.from(files);
  if (list.length === 0) throw new LayerwiseError(`${owner}: received no files`);
  let paths = list.map((f) => (f.webkitRelativePath || f.name).split('/').filter((part) => part !== ''));
  const top = paths[0]![0]!;
  const root = paths.every((p) => p.length > 1 && p[0] === top) ? top : '';
  if (root) paths = paths.map((p) => p.slice(1));
  const folders = new Map<string, Map<string, DirectoryEntry>>([['', new Map()]]);
  const byPath = new Map<string, Blob>();
  paths.forEach((parts, i) => {
    for (let depth = 0; depth < parts.length; depth++) {
      const parent = parts.slice(0, depth).join('/');
      const here = parts.slice(0, depth + 1).join('/');
      const kind = depth === parts.length - 1 ? 'file' : 'directory';
      if (!folders.has(parent)) folders.set(parent, new Map());
      folders.get(parent)!.set(parts[depth]!, { name: parts[depth]!, kind });
      if (kind === 'directory' && !folders.has(here)) folders.set(here, new Map());
    }
    byPath.set(parts.join('/'), list[i]!);
  });
  return {
    root: root || 'the selected files',
    resolve: (relative) => (root ? `${root}/${relative}` : relative),
    entries: async (relative) => [...(folders.get(relative)?.values() ?? [])],
    async open(relative) {
      const blob = byPath.get(relative);
      if (!blob) throw new LayerwiseError(`${owner}: no file '${relative}' among the selected files`);
      return blob;
    },
  };
}

/** A folder the user picked through the File System Access API (`showDirectoryPicker()`, a dropped folder's handle). */
export function directoryHandleSource(handle: DirectoryHandleLike): BlobDirectorySource {
  const folder = async (relative: string): Promise<DirectoryHandleLike> => {
    let here = handle;
    for (const part of relative.split('/').filter((p) => p !== '')) here = await here.getDirectoryHandle(part);
    return here;
  };
  return {
    root: handle.name,
    resolve: (relative) => `${handle.name}/${relative}`,
    async entries(relative) {
      const out: DirectoryEntry[] = [];
      for await (const entry of (await folder(relative)).values()) out.push({ name: entry.name, kind: entry.kind });
      return out;
    },
    async open(relative) {
      const parts = relative.split('/');
      const name = parts.pop()!;
      return (await (await folder(parts.join('/'))).getFileHandle(name)).getFile();
    },
  };
}
