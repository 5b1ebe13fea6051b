import { registerLayer } from '@layerwise/layers';
import { CenterCrop } from './center-crop.js';
import { Normalization } from './normalization.js';
import { RandomBrightness } from './random-brightness.js';
import { RandomContrast } from './random-contrast.js';
import { RandomCrop } from './random-crop.js';
import { RandomFlip } from './random-flip.js';
import { RandomRotation } from './random-rotation.js';
import { RandomShear } from './random-shear.js';
import { RandomTranslation } from './random-translation.js';
import { RandomZoom } from './random-zoom.js';
import { Rescaling } from './rescaling.js';
import { Resizing } from './resizing.js';

/** The preprocessing layer classes, by their Keras class names. */
export const PREPROCESSING_LAYERS = [
  Rescaling, Normalization, Resizing, CenterCrop, RandomCrop, RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomShear, RandomContrast, RandomBrightness,
] as const;

/**
 * Makes the preprocessing layers known to `@layerwise/layers`' deserialisation (`Sequential.fromConfig`,
 * `loadModel`), under their Keras class names. Nothing registers on import: call it once before
 * loading a model that holds them. Calling it again does nothing.
 */
export function registerPreprocessingLayers(): void {
  for (const type of PREPROCESSING_LAYERS) registerLayer(type);
}
