import { defineConfig } from 'vite';
import { mnistFiles } from './datasets-plugin.js';

// Cross-origin isolation (COOP/COEP) gives the page SharedArrayBuffer, so Layerwise's WebAssembly
// backend runs on every core; without it, it runs on one thread and says so.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // Relative URLs: the built page works from any folder of any static server.
  base: './',
  plugins: [mnistFiles()],
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
