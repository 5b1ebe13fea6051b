import { LayerwiseError } from '@layerwise/core';

/** File extensions Keras' image loader accepts (compared case-insensitively). */
export const IMAGE_EXTENSIONS = ['.bmp', '.gif', '.jpeg', '.jpg', '.png'] as const;

/** One image file and its class index (or -1 when there are no labels). */
export interface ImageFile {
  readonly path: string;
  readonly label: number;
}

/** What {@link listImageFiles} found. */
export interface ImageListing {
  readonly files: ImageFile[];
  readonly classNames: string[];
}

/** Options of {@link listImageFiles}. */
export interface ListImageFilesOptions {
  /** `'inferred'` (class = sub-folder, sorted), `null` (no labels), or one label per file in sorted order. */
  labels: 'inferred' | null | readonly number[];
  /** Keep only these sub-folders, in this order (with `'inferred'`). */
  classNames?: readonly string[];
  /** Follow symbolic links to folders. */
  followLinks: boolean;
}

/**
 * Lists the image files under `dir` as Keras does: with inferred labels each sub-folder is a
 * class (alphabetical unless `classNames` orders them) and its images at any depth belong to it;
 * files are in sorted order within each class.
 */
export async function listImageFiles(dir: string, options: ListImageFilesOptions): Promise<ImageListing> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const owner = 'imageDatasetFromDirectory';
  const isDirectory = async (p: string, entry: { isDirectory(): boolean; isSymbolicLink(): boolean }) =>
    entry.isDirectory() || (options.followLinks && entry.isSymbolicLink() && (await fs.stat(p)).isDirectory());
  const walk = async (folder: string): Promise<string[]> => {
    const entries = (await fs.readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const out: string[] = [];
    for (const entry of entries) {
      const p = path.join(folder, entry.name);
      if (await isDirectory(p, entry)) out.push(...(await walk(p)));
      else if (IMAGE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase() as (typeof IMAGE_EXTENSIONS)[number])) out.push(p);
    }
    return out;
  };
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new LayerwiseError(`${owner}: the directory '${dir}' does not exist`);
  }
  if (!stat.isDirectory()) throw new LayerwiseError(`${owner}: '${dir}' is not a directory`);

  if (options.labels !== 'inferred') {
    const paths = await walk(dir);
    if (options.labels === null) return { files: paths.map((p) => ({ path: p, label: -1 })), classNames: [] };
    if (options.labels.length !== paths.length) {
      throw new LayerwiseError(`${owner}: received ${options.labels.length} labels for ${paths.length} image files in '${dir}'`);
    }
    const labels = options.labels;
    const classes = Math.max(...labels) + 1;
    return { files: paths.map((p, i) => ({ path: p, label: labels[i]! })), classNames: Array.from({ length: classes }, (_, i) => String(i)) };
  }
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const folders: string[] = [];
  for (const entry of entries) if (await isDirectory(path.join(dir, entry.name), entry)) folders.push(entry.name);
  folders.sort();
  const classNames = options.classNames ? [...options.classNames] : folders;
  for (const name of classNames) {
    if (!folders.includes(name)) {
      throw new LayerwiseError(`${owner}: classNames names '${name}', which is not a sub-folder of '${dir}' (found: ${folders.join(', ')})`);
    }
  }
  const files: ImageFile[] = [];
  for (const [label, name] of classNames.entries()) {
    for (const p of await walk(path.join(dir, name))) files.push({ path: p, label });
  }
  if (files.length === 0) throw new LayerwiseError(`${owner}: no images (${IMAGE_EXTENSIONS.join(', ')}) found under '${dir}'`);
  return { files, classNames };
}
