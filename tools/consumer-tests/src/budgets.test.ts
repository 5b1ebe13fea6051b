import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSize, type BundleSize } from './bundle-size.js';

// Tree-shaking stays real: a typical import must not drag in the rest of its package. Each budget
// caps the bytes each @layerwise package contributes to a minified browser bundle built from the
// packages' dist (tfjs-core, which every import needs, is reported beside it). @layerwise/core has
// one cap for every import: its gradient configs (bundled, importing tfjs-core's public entry; see
// packages/core/tfjs-core-public.ts) must drop out of bundles that never choose a backend. Until
// 2026-11-23 core's dist carried a second copy of tfjs-core and every import kept ~86 KiB of it.
// Measured sizes are written to budgets.md.

const HERE = new URL('.', import.meta.url).pathname;
const CORE_BUDGET = 8_000;
// tfjs-core's own bytes, capped too: an import that drags in a backend package (tfjs-backend-cpu is
// about 300 KiB) through a literal dynamic import shows here.
const TENSORFLOW_BUDGET = 140_000;

interface Budget {
  readonly name: string;
  readonly source: string;
  /** Bytes allowed per package other than core. */
  readonly packages: Readonly<Record<string, number>>;
}

const budgets: Budget[] = [
  {
    name: 'sequential + dense + adam',
    source: `import { sequential, dense } from '@layerwise/layers'; import { adam } from '@layerwise/optimizers';
      export const m = sequential([dense({ units: 10, inputShape: [4] })]); export const o = adam();`,
    packages: { layers: 0, optimizers: 0, losses: 0, metrics: 0, callbacks: 0 },
  },
  {
    name: 'a single loss (sparseCategoricalCrossentropy)',
    source: `import { sparseCategoricalCrossentropy } from '@layerwise/losses'; export const l = sparseCategoricalCrossentropy();`,
    packages: { losses: 0 },
  },
  {
    name: 'the Dataset pipeline (fromArrays, batch, shuffle)',
    source: `import { fromArrays } from '@layerwise/datasets'; export const d = fromArrays([1, 2, 3]).shuffle(3, { seed: 1 }).batch(2);`,
    packages: { datasets: 0 },
  },
  {
    name: 'the image-folder loader (imageDatasetFromDirectory)',
    source: `import { imageDatasetFromDirectory } from '@layerwise/datasets'; export const f = imageDatasetFromDirectory;`,
    packages: { datasets: 0 },
  },
  {
    name: 'EarlyStopping',
    source: `import { EarlyStopping } from '@layerwise/callbacks'; export const e = new EarlyStopping();`,
    packages: { callbacks: 0 },
  },
];

// The caps, in bytes, measured on 2026-11-23 plus about 15% headroom.
const CAPS: Record<string, Record<string, number>> = {
  // layers raised on 2026-11-23 (143.0 -> 144.0 KiB): masked outputs weight the loss and metrics.
  'sequential + dense + adam': { layers: 150_000, optimizers: 34_000, losses: 19_000, metrics: 27_500, callbacks: 9_500 },
  'a single loss (sparseCategoricalCrossentropy)': { losses: 3_500 },
  // Raised on 2026-11-23 after deliberate growth: Dataset gained cache({ file }) with its element codec
  // (5.8 -> 10.2 KiB); the image-folder loader gained the BMP reader, area resizing, crop/pad and
  // skip-unreadable (10.8 -> 21.2 KiB).
  'the Dataset pipeline (fromArrays, batch, shuffle)': { datasets: 11_700 },
  'the image-folder loader (imageDatasetFromDirectory)': { datasets: 25_000 },
  EarlyStopping: { callbacks: 5_000 },
};

const measured: [Budget, BundleSize][] = [];

describe('bundle budgets (minified browser bundles from the built packages)', () => {
  it.each(budgets)('$name', async (budget) => {
    const size = await bundleSize(budget.source, HERE);
    measured.push([budget, size]);
    expect(size.byPackage['core'] ?? 0, 'core').toBeLessThanOrEqual(CORE_BUDGET);
    expect(size.tensorflow, `${budget.name}: bytes from @tensorflow packages`).toBeLessThanOrEqual(TENSORFLOW_BUDGET);
    const caps = CAPS[budget.name]!;
    for (const [pkg, cap] of Object.entries(caps)) {
      expect(size.byPackage[pkg] ?? 0, `${budget.name}: bytes from @layerwise/${pkg}`).toBeLessThanOrEqual(cap);
    }
    const unexpected = Object.keys(size.byPackage).filter((p) => p !== 'core' && !(p in caps));
    expect(unexpected, `${budget.name} pulled in packages it does not import`).toEqual([]);
  }, 60_000);
});

afterAll(() => {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = measured.map(([b, s]) => {
    const parts = Object.entries(s.byPackage)
      .sort((x, y) => y[1] - x[1])
      .map(([p, n]) => `${p} ${kb(n)}${p === 'core' ? '' : ` (cap ${kb(CAPS[b.name]![p] ?? 0)})`}`)
      .join(', ');
    return `| ${b.name} | ${parts} | ${kb(s.tensorflow)} | ${kb(s.total)} |`;
  });
  writeFileSync(
    new URL('../budgets.md', import.meta.url),
    `# Bundle budgets\n\nWritten by \`src/budgets.test.ts\` (esbuild, minified, browser, from the built \`dist\`). ` +
      `Core's cap is ${kb(CORE_BUDGET)} for every import (its bundled gradient configs must drop out; see the test).\n\n` +
      `| import | @layerwise bytes by package | @tensorflow bytes | total |\n|---|---|---:|---:|\n${rows.join('\n')}\n`,
  );
});
