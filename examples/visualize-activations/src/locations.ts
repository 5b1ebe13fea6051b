import { join, resolve } from 'node:path';

/** `LAYERWISE_DATASETS_DIR` (CI: `../shared/datasets`), else `../shared/datasets` beside the repository. */
export const datasetsDir = () => resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/datasets'));

/** `LAYERWISE_MODELS_DIR`, else the `models` folder beside the datasets folder. */
export const modelsDir = () => resolve(process.env['LAYERWISE_MODELS_DIR'] ?? join(datasetsDir(), '..', 'models'));

/** The saved convnet shown by default: the pretrained darknet-tiny (TensorFlow.js Layers format). */
export const defaultModel = () => join(modelsDir(), 'darknet-tiny', 'model.json');

/** The photo shown by default: an ant from the hymenoptera validation set. */
export const defaultImage = () => join(datasetsDir(), 'hymenoptera', 'val', 'ants', '1337725712_2eb53cd742.jpg');
