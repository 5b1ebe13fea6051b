import { fileListSource, directoryHandleSource, isDirectoryHandle, type DirectoryHandleLike, type FileWithPath } from './browser-sources.js';
import { decodeImageBlob } from './decode-image-blob.js';
import { imageDatasetFromSource, type ImageDataset, type ImageDatasetOptions } from './image-dataset-from-directory.js';

const OWNER = 'imageDatasetFromFiles';

/**
 * `imageDatasetFromDirectory` in browsers: the same options, folder walking and labelling (one
 * sub-folder per class), for a folder the user chose — the `FileList` of an
 * `<input type="file" webkitdirectory>` or of a drop, or a File System Access directory handle
 * (`await showDirectoryPicker()`). Images are decoded with `createImageBitmap` and an
 * `OffscreenCanvas` (see `decodeImageBlob`); `followLinks` does not apply.
 *
 * @example
 * ```ts
 * input.addEventListener('change', async () => {
 *   const train = await imageDatasetFromFiles(input.files!, { imageSize: [150, 150], batchSize: 16 });
 *   console.log(train.classNames); // the sub-folders of the chosen folder
 *   await model.fit(train, { epochs: 5 });
 * });
 * ```
 */
export async function imageDatasetFromFiles(files: ArrayLike<FileWithPath> | DirectoryHandleLike, options: ImageDatasetOptions & { subset: 'both' }): Promise<[ImageDataset, ImageDataset]>;
export async function imageDatasetFromFiles(files: ArrayLike<FileWithPath> | DirectoryHandleLike, options?: ImageDatasetOptions): Promise<ImageDataset>;
export async function imageDatasetFromFiles(files: ArrayLike<FileWithPath> | DirectoryHandleLike, options: ImageDatasetOptions = {}): Promise<ImageDataset | [ImageDataset, ImageDataset]> {
  const source = isDirectoryHandle(files) ? directoryHandleSource(files) : fileListSource(files, OWNER);
  return imageDatasetFromSource(OWNER, async () => source, options, async (file, decode) => decodeImageBlob(await source.open(file.relativePath), file.path, decode));
}
