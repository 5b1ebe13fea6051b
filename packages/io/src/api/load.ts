import { isBrowserLocation } from '../browser/browser-locations.js';
import { loadModelFromBrowser, loadModelFromFiles } from '../browser/browser-models.js';
import { checkOptions, describeValue, invalidArgument, LayerwiseError } from '@layerwise/core';
import { modelFromH5, weightsFromH5 } from '../h5/h5-model.js';
import { readH5 } from '../h5/h5-runtime.js';
import { isGroup } from '../h5/h5-values.js';
import { modelFromKeras } from '../keras/keras-archive.js';
import { readKerasWeights } from '../keras/keras-weights-h5.js';
import { readLayersFolder } from '../node/layers-folder.js';
import { modelFromArtifacts } from '../tfjs/layers-artifacts.js';
import * as tf from '@tensorflow/tfjs-core';
import { assignWeightGroups } from '../weights/assign-weights.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { modelFormatOf, type ModelFormat } from './formats.js';
import { isHttpUrl, type HttpOptions } from './http.js';
import { readLayersUrl } from './layers-url.js';
import { readSourceBytes } from './read-bytes.js';

/** Options of {@link loadModel}. */
export interface LoadModelOptions extends HttpOptions {
  /** The format, when the extension does not say it. */
  readonly format?: ModelFormat;
  /** Compile the model as it was saved (restoring the optimizer's state when saved). Default true. */
  readonly compile?: boolean;
}

const loadOptionNames = ['format', 'compile', 'onProgress', 'maxBytes', 'fetch'];

function checkSource(owner: string, source: unknown): string {
  if (typeof source !== 'string' || source === '') throw invalidArgument({ owner, argument: 'source', expected: 'a file path or an http(s) URL', received: source });
  return source;
}

/**
 * Loads a whole model (architecture, weights, compile settings, optimizer state) from a file path
 * (Node) or an HTTP(S) URL, in the format its extension names: `.keras` (Keras 3), `.h5` (Keras 2,
 * tf.keras, Keras 3's legacy writer) or a TensorFlow.js `model.json` (with its weight files).
 *
 * @example
 * ```ts
 * const model = await loadModel('checkpoints/best.keras');
 * const remote = await loadModel('https://example.com/model/model.json', { onProgress: (p) => console.log(p.loaded, p.total) });
 * ```
 */
export async function loadModel(source: string | File | readonly File[], options: LoadModelOptions = {}): Promise<AnyModel> {
  const owner = 'loadModel';
  checkOptions(owner, options, loadOptionNames);
  if (typeof File !== 'undefined' && (source instanceof File || (Array.isArray(source) && source.every((f) => f instanceof File)))) {
    const files = source instanceof File ? [source] : [...(source as readonly File[])];
    return loadModelFromFiles(files, owner, options.compile !== false);
  }
  const location = checkSource(owner, source);
  if (isBrowserLocation(location)) return loadModelFromBrowser(location, owner, options.compile !== false);
  const format = modelFormatOf(owner, location, options.format);
  const compile = { compile: options.compile !== false };
  if (format === 'tfjs') {
    const artifacts = isHttpUrl(location) ? await readLayersUrl(location, options) : await readLayersFolder(location);
    return modelFromArtifacts(artifacts, compile);
  }
  const bytes = await readSourceBytes(location, owner, options);
  return format === 'keras' ? modelFromKeras(bytes, location, { ...compile, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) }) : modelFromH5(bytes, location, compile);
}

/** Whether HDF5 bytes hold Keras 3's weights layout (a `layers` group, no `layer_names`). */
const isKeras3Weights = (bytes: Uint8Array, source: string) =>
  readH5(bytes, source, (file) => isGroup(file.get('layers')) && file.attrs['layer_names'] === undefined && file.get('model_weights') === null);

/**
 * Loads weights into a model with the same layers, from a `.weights.h5` (Keras 3), a weights-only
 * or full-model `.h5` (Keras 2), a `.keras` archive or a TensorFlow.js `model.json`; a file path or
 * an HTTP(S) URL. Every count and shape is checked before any weight changes.
 */
export async function loadWeights(model: AnyModel, source: string, options: HttpOptions = {}): Promise<void> {
  const owner = 'loadWeights';
  checkOptions(owner, options, ['onProgress', 'maxBytes', 'fetch']);
  const location = checkSource(owner, source);
  const path = location.replace(/[?#].*$/, '').toLowerCase();
  if (path.endsWith('.json')) {
    const artifacts = isHttpUrl(location) ? await readLayersUrl(location, options) : await readLayersFolder(location);
    const copy = modelFromArtifacts(artifacts, { compile: false });
    try {
      model.setWeights(copy.getWeights());
    } finally {
      copy.dispose();
    }
    return;
  }
  const bytes = await readSourceBytes(location, owner, options);
  if (path.endsWith('.keras')) {
    const copy = await modelFromKeras(bytes, location, { compile: false });
    try {
      const values = copy.getWeights();
      try {
        model.setWeights(values);
      } finally {
        tf.dispose(values);
      }
    } finally {
      copy.dispose();
    }
    return;
  }
  if (!/\.(h5|hdf5)$/.test(path)) throw new LayerwiseError(`${owner}: cannot tell the format of ${describeValue(location)}; use .weights.h5, .h5, .keras or model.json`);
  if (await isKeras3Weights(bytes, location)) {
    const weights = await readKerasWeights(model, bytes, location);
    try {
      assignWeightGroups(model, weights.layers, location);
    } finally {
      tf.dispose([...weights.layers.flatMap((l) => l.weights.map((w) => w.tensor)), ...weights.optimizer]);
    }
    return;
  }
  await weightsFromH5(model, bytes, location);
}
