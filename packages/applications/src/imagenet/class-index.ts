import { LayerwiseError } from '@layerwise/core';
import { getKerasFile, type KerasFile, type KerasFileOptions } from '../weights/keras-file.js';

/** The ImageNet classes as Keras' `imagenet_class_index.json` lists them: index to `[wordnetId, name]`. */
export type ClassIndex = Readonly<Record<string, readonly [string, string]>>;

/** Keras' ImageNet class index file, its URL and published MD5. */
export const IMAGENET_CLASS_INDEX: KerasFile = {
  name: 'imagenet_class_index.json',
  baseUrl: 'https://storage.googleapis.com/download.tensorflow.org/data/',
  md5: 'c2c37ea517e94d9795004a39431a14cb',
};

/** Options of {@link loadClassIndex}: where to find the file, and which file (default Keras' ImageNet index). */
export interface LoadClassIndexOptions extends KerasFileOptions {
  /** The file to load; default {@link IMAGENET_CLASS_INDEX}. */
  readonly file?: KerasFile;
}

/** Checks that parsed JSON is a class index (`{ "0": ["n01440764", "tench"], ... }`). */
export function parseClassIndex(text: string, source: string): ClassIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LayerwiseError(`${source}: not a JSON class index: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LayerwiseError(`${source}: a class index is an object from class number to [id, name]`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!Array.isArray(value) || value.length !== 2 || value.some((v) => typeof v !== 'string')) {
      throw new LayerwiseError(`${source}: class ${key} should be [id, name]. Received: ${JSON.stringify(value)}`);
    }
  }
  return parsed as ClassIndex;
}

/**
 * Loads the class index (by default Keras' `imagenet_class_index.json`) from the offline
 * directory, the cache, or its URL, MD5-verified, like Keras' `decode_predictions` does on first
 * use.
 */
export async function loadClassIndex(options: LoadClassIndexOptions = {}): Promise<ClassIndex> {
  const { file = IMAGENET_CLASS_INDEX, ...where } = options;
  const bytes = await getKerasFile(file, where);
  return parseClassIndex(new TextDecoder().decode(bytes), file.name);
}
