import { LayerwiseError } from '@layerwise/core';
import type { DirectorySource } from './directory-source.js';

/** File extensions Keras' image loader accepts (compared case-insensitively). */
export const IMAGE_EXTENSIONS = ['.bmp', '.gif', '.jpeg', '.jpg', '.png'] as const;

/** One image file and its class index (or -1 when there are no labels). */
export interface ImageFile {
  /** The file as the decoder opens it (absolute on disk). */
  readonly path: string;
  /** Its path under the listed folder, `/`-separated (`'ants/0013035.jpg'`). */
  readonly relativePath: string;
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
  /** Who asks, named in errors. */
  owner: string;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isImage(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (IMAGE_EXTENSIONS as readonly string[]).includes(name.slice(dot).toLowerCase());
}

/** Every image file under `relative`, at any depth, in sorted order (files and folders by name). */
async function walk(source: DirectorySource, relative: string): Promise<string[]> {
  const entries = (await source.entries(relative)).sort((a, b) => byName(a.name, b.name));
  const out: string[] = [];
  for (const entry of entries) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.kind === 'directory') out.push(...(await walk(source, child)));
    else if (isImage(entry.name)) out.push(child);
  }
  return out;
}

/**
 * Lists the image files of a folder tree as Keras does: with inferred labels each sub-folder is a
 * class (alphabetical unless `classNames` orders them) and its images at any depth belong to it;
 * files are in sorted order within each class. The same listing serves folders on disk and, in
 * browsers, a `FileList` or a directory handle (see `DirectorySource`).
 */
export async function listImageFiles(source: DirectorySource, options: ListImageFilesOptions): Promise<ImageListing> {
  const { owner } = options;
  const file = (relativePath: string, label: number): ImageFile => ({ path: source.resolve(relativePath), relativePath, label });
  if (options.labels !== 'inferred') {
    const paths = await walk(source, '');
    if (paths.length === 0) throw new LayerwiseError(`${owner}: no images (${IMAGE_EXTENSIONS.join(', ')}) found under '${source.root}'`);
    if (options.labels === null) return { files: paths.map((p) => file(p, -1)), classNames: [] };
    const labels = options.labels;
    if (labels.length !== paths.length) {
      throw new LayerwiseError(`${owner}: received ${labels.length} labels for ${paths.length} image files in '${source.root}'`);
    }
    const classes = labels.reduce((max, l) => Math.max(max, l), 0) + 1;
    return { files: paths.map((p, i) => file(p, labels[i]!)), classNames: Array.from({ length: classes }, (_, i) => String(i)) };
  }
  const folders = (await source.entries(''))
    .filter((e) => e.kind === 'directory')
    .map((e) => e.name)
    .sort(byName);
  const classNames = options.classNames ? [...options.classNames] : folders;
  for (const name of classNames) {
    if (!folders.includes(name)) {
      throw new LayerwiseError(`${owner}: classNames names '${name}', which is not a sub-folder of '${source.root}' (found: ${folders.join(', ')})`);
    }
  }
  const files: ImageFile[] = [];
  for (const [label, name] of classNames.entries()) {
    for (const p of await walk(source, name)) files.push(file(p, label));
  }
  if (files.length === 0) throw new LayerwiseError(`${owner}: no images (${IMAGE_EXTENSIONS.join(', ')}) found under '${source.root}'`);
  return { files, classNames };
}
