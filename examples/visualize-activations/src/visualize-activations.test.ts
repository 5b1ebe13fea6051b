import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { visualize } from './visualize.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('examples/visualize-activations', () => {
  it('writes the graph, every activation grid, a filter grid, a Grad-CAM overlay and the history, leaking no tensors', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'visualize-'));
    try {
      const history = join(outDir, 'history.json');
      await writeFile(history, JSON.stringify({ loss: [1.2, 0.8, 0.6], val_loss: [1.3, 1.0, 0.9] }));
      const lines: string[] = [];
      await useBackend('auto');
      const before = tf.memory().numTensors;
      const { files, predicted } = await visualize({ outDir, filters: 4, filterSteps: 3, history, print: (l) => lines.push(l) });
      expect(tf.memory().numTensors).toBe(before);
      expect(lines[0]).toContain('Model: "');
      expect(predicted.name).toBe('ant');
      expect(files[0]).toBe(join(outDir, 'model.svg'));
      expect(files).toContain(join(outDir, 'activations', 'conv2d_1.png'));
      expect(files).toContain(join(outDir, 'activations', 'max_pooling2d_1.png'));
      expect(files).toContain(join(outDir, 'activations', 'leaky_re_lu_15.png'));
      expect(files.slice(-3)).toEqual([join(outDir, 'filters', 'conv2d_2.png'), join(outDir, 'grad-cam.png'), join(outDir, 'history.png')]);
      for (const file of files.filter((f) => f.endsWith('.png'))) {
        const bytes = await readFile(file);
        expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        const { width, height } = await sharp(bytes).metadata();
        expect(width! * height!).toBeGreaterThan(0);
      }
      const conv1 = await sharp(join(outDir, 'activations', 'conv2d_1.png')).metadata();
      // 16 channels of 224x224 in one row, 1 px apart.
      expect([conv1.width, conv1.height]).toEqual([16 * 224 + 15, 224]);
      expect(await readFile(join(outDir, 'model.svg'), 'utf8')).toContain('leaky_re_lu_15');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 240_000);
});
