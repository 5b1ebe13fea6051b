export { imageDatasetFromDirectory, type ImageDataset, type ImageDatasetOptions } from './image-dataset-from-directory.js';
export { decodeImageFile, INTERPOLATIONS, type ColorMode, type DecodeImageOptions, type Interpolation } from './decode-image.js';
export { listImageFiles, IMAGE_EXTENSIONS, type ImageFile, type ImageListing, type ListImageFilesOptions } from './list-files.js';
