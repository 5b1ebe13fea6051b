import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useBackend } from '@layerwise/core';

/** The real datasets beside the repository (`LAYERWISE_DATASETS_DIR`, else `../shared/datasets`), for tests. */
export const SHARED_DATASETS = process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets');

/** The hymenoptera image folders (`train/`, `val/`). */
export const HYMENOPTERA = join(SHARED_DATASETS, 'hymenoptera');

/** Starts the cpu backend and makes a fresh temporary folder for a test file. */
export async function testFolder(prefix: string): Promise<string> {
  await useBackend('cpu');
  return mkdtemp(join(tmpdir(), prefix));
}
