// Runs in headless Chromium (see browser.test.ts): builds a folder of images in the page, as a
// FileList-like array (webkitdirectory paths) and in the origin-private file system (a real
// FileSystemDirectoryHandle), and reads both with imageDatasetFromFiles.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Batch } from '@layerwise/core';
import { imageDatasetFromFiles } from '../image-dataset-from-files.js';
import type { DirectoryHandleLike } from '../browser-sources.js';

async function png(width: number, height: number, colour: (x: number) => string): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  for (let x = 0; x < width; x++) {
    ctx.fillStyle = colour(x);
    ctx.fillRect(x, 0, 1, height);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}

function withPath(blob: Blob, path: string): File {
  const file = new File([blob], path.split('/').pop()!, { type: blob.type });
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

async function summary(ds: AsyncIterable<Batch>) {
  const batches = [];
  for await (const { x, y } of ds) {
    batches.push({ shape: x.shape, y: y ? await y.array() : null, pixel: ((await x.array()) as number[][][][])[0]![0]![0], corner: ((await x.array()) as number[][][][])[2]?.[0]?.[7] });
    tf.dispose([x, y!].filter(Boolean));
  }
  return batches;
}

export default async function run(): Promise<unknown> {
  await tf.setBackend('cpu');
  const photo = await (await fetch('/data/ant.jpg')).blob();
  const red = await png(8, 4, () => 'rgb(255,0,0)');
  const halves = await png(8, 4, (x) => (x < 4 ? 'rgb(255,255,255)' : 'rgb(0,0,0)'));
  const entries: [string, Blob][] = [
    ['photos/ants/a red.PNG', red],
    ['photos/ants/nested/photo.jpg', photo],
    ['photos/bees/halves.png', halves],
    ['photos/bees/notes.txt', new Blob(['not an image'])],
  ];
  const files = entries.map(([path, blob]) => withPath(blob, path));
  const before = tf.memory().numTensors;
  const fromList = await imageDatasetFromFiles(files, { imageSize: [4, 8], shuffle: false, labelMode: 'categorical', verbose: false });
  const list = { classNames: fromList.classNames, filePaths: fromList.filePaths, batches: await summary(fromList) };
  const area = await summary(
    await imageDatasetFromFiles(files, { imageSize: [2, 2], shuffle: false, interpolation: 'area', colorMode: 'grayscale', cropToAspectRatio: true, classNames: ['bees'], verbose: false }),
  );

  const opfs = (await navigator.storage.getDirectory()) as unknown as FileSystemDirectoryHandle;
  const top = await opfs.getDirectoryHandle('picked', { create: true });
  for (const [path, blob] of entries) {
    const parts = path.split('/').slice(1);
    let folder = top;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const writable = await (await folder.getFileHandle(parts.at(-1)!, { create: true })).createWritable();
    await writable.write(blob);
    await writable.close();
  }
  const [train, validation] = await imageDatasetFromFiles(top as unknown as DirectoryHandleLike, {
    imageSize: [4, 8], validationSplit: 0.34, subset: 'both', seed: 1, verbose: false,
  });
  const handle = { classNames: train.classNames, train: train.filePaths, validation: validation.filePaths, batches: await summary(train) };

  const broken = [...files, withPath(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }), 'photos/bees/broken.jpg')];
  let error = '';
  try {
    await summary(await imageDatasetFromFiles(broken, { imageSize: [4, 8], shuffle: false, verbose: false }));
  } catch (e) {
    error = String((e as Error).message);
  }
  return { list, area, handle, error, leaked: tf.memory().numTensors - before };
}
