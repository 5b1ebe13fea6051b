import { join } from 'node:path';
import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { describe, expect, it } from 'vitest';
import { HYMENOPTERA } from '../../testing/shared-data.js';

// Browser decoding only exists in browsers: page.ts runs imageDatasetFromFiles in headless Chromium
// on a FileList-like array and on a real FileSystemDirectoryHandle (the origin-private file system).

const unavailable = browserUnavailable();
const ENTRY = new URL('./page.ts', import.meta.url).pathname;

interface Summary {
  shape: number[];
  y: unknown;
  pixel: number[];
  corner?: number[];
}

interface PageReport {
  list: { classNames: string[]; filePaths: string[]; batches: Summary[] };
  area: Summary[];
  handle: { classNames: string[]; train: string[]; validation: string[]; batches: Summary[] };
  error: string;
  leaked: number;
}

describe.skipIf(unavailable)('imageDatasetFromFiles in headless Chromium', () => {
  it('reads a chosen folder (FileList or directory handle) with the Node loader’s labels, decoding with createImageBitmap', async () => {
    const { result } = await runInBrowser<PageReport>({ entry: ENTRY, files: { '/data/ant.jpg': join(HYMENOPTERA, 'train/ants/0013035.jpg') } });
    expect(result.list.classNames).toEqual(['ants', 'bees']);
    expect(result.list.filePaths).toEqual(['photos/ants/a red.PNG', 'photos/ants/nested/photo.jpg', 'photos/bees/halves.png']);
    expect(result.list.batches).toHaveLength(1);
    expect(result.list.batches[0]!.shape).toEqual([3, 4, 8, 3]);
    expect(result.list.batches[0]!.y).toEqual([[1, 0], [1, 0], [0, 1]]);
    expect(result.list.batches[0]!.pixel).toEqual([255, 0, 0]);
    expect(result.list.batches[0]!.corner).toEqual([0, 0, 0]);
    // Area interpolation on the centre crop: exactly as in Node.
    expect(result.area[0]!.shape).toEqual([1, 2, 2, 1]);
    expect(result.area[0]!.pixel.map(Math.round)).toEqual([255]);
    expect(result.handle.classNames).toEqual(['ants', 'bees']);
    expect([...result.handle.train, ...result.handle.validation].sort()).toEqual(['picked/ants/a red.PNG', 'picked/ants/nested/photo.jpg', 'picked/bees/halves.png']);
    expect(result.handle.validation).toHaveLength(1);
    expect(result.handle.batches[0]!.shape).toEqual([2, 4, 8, 3]);
    expect(result.error).toMatch(/^imageDatasetFromFiles: cannot decode 'photos\/bees\/broken\.jpg'/);
    expect(result.leaked).toBe(0);
  }, 180_000);
});
