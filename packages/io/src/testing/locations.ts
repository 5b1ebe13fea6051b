import { resolve } from 'node:path';

/** `../shared/datasets` (or `LAYERWISE_DATASETS_DIR`), where tests find real data. */
export const datasetsDir = resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets'));
/** `../shared/models`, beside the datasets. */
export const modelsDir = resolve(datasetsDir, '../models');
