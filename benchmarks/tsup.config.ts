import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/gemm.ts', 'src/train.ts', 'src/profile.ts', 'src/fit.ts', 'src/feature-extraction.ts', 'src/datasets-streaming.ts', 'src/datasets-decode.ts', 'src/augment.ts', 'src/webgpu-fit.ts'],
  format: ['esm'],
  target: 'es2022',
  platform: 'node',
  clean: true,
});
