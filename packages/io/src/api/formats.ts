import { checkOneOf, LayerwiseError } from '@layerwise/core';

/** The formats a whole model is saved in: Keras 3 `.keras`, Keras HDF5 `.h5`, the TensorFlow.js Layers format. */
export type ModelFormat = 'keras' | 'h5' | 'tfjs';
/** The formats weights alone are saved in: Keras 3's `.weights.h5`, Keras 2's weights-only `.h5`. */
export type WeightsFormat = 'weights.h5' | 'h5';

export const modelFormats: readonly ModelFormat[] = ['keras', 'h5', 'tfjs'];
export const weightsFormats: readonly WeightsFormat[] = ['weights.h5', 'h5'];

/** The path part of a file path or URL, lower-cased, without query or fragment. */
const pathOf = (location: string) => location.replace(/[?#].*$/, '').toLowerCase();

/**
 * The model format of a path or URL: given explicitly, or by extension (`.keras`; `.h5`,
 * `.hdf5`; `.json` for a TensorFlow.js `model.json`). Anything else is an error listing them.
 */
export function modelFormatOf(owner: string, location: string, format: ModelFormat | undefined): ModelFormat {
  if (format !== undefined) return checkOneOf(owner, 'format', format, modelFormats);
  const path = pathOf(location);
  if (path.endsWith('.weights.h5')) {
    throw new LayerwiseError(`${owner}: '${location}' is a weights file name (.weights.h5); use saveWeights/loadWeights, or name a model file .keras, .h5 or model.json`);
  }
  if (path.endsWith('.keras')) return 'keras';
  if (path.endsWith('.h5') || path.endsWith('.hdf5')) return 'h5';
  if (path.endsWith('.json')) return 'tfjs';
  throw new LayerwiseError(
    `${owner}: cannot tell the format of '${location}' from its extension; use .keras (Keras 3), .h5 (Keras HDF5) or model.json (TensorFlow.js Layers), or pass { format }`,
  );
}

/** The weights format of a path or URL: `.weights.h5` is Keras 3's layout, another `.h5` Keras 2's. */
export function weightsFormatOf(owner: string, location: string, format: WeightsFormat | undefined): WeightsFormat {
  if (format !== undefined) return checkOneOf(owner, 'format', format, weightsFormats);
  const path = pathOf(location);
  if (path.endsWith('.weights.h5')) return 'weights.h5';
  if (path.endsWith('.h5') || path.endsWith('.hdf5')) return 'h5';
  throw new LayerwiseError(`${owner}: weights are saved as .weights.h5 (Keras 3) or .h5 (Keras 2 weights-only), received '${location}'; or pass { format }`);
}
