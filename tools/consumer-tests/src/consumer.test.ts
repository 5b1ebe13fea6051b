import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll } from './pack.js';
import { datasetsProgram, ioProgram, trainProgram, umbrellaProgram, type Program } from './programs.js';
import { createProject, lastJson, run, type Manager } from './project.js';
import { ROOT } from './workspace.js';

// The packages as users meet them: packed into tarballs (workspace ranges rewritten as publishing
// does), installed into fresh projects outside the workspace with npm and with pnpm, and run as an
// ES module, as a CommonJS script, and type-checked with moduleResolution node16 and bundler.

// Users install the peer tfjs-core themselves; @types/long is what tfjs-core's own declarations
// need when declaration files are checked too (skipLibCheck false, so ours are checked).
const TOOLS = { typescript: '5.9.3', '@types/node': '^20.9.5', '@types/long': '^4.0.2' };
const REGISTRY = { '@tensorflow/tfjs-core': '^4.22.0', ...TOOLS };
const TSCONFIG = (resolution: 'node16' | 'bundler') =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: resolution === 'node16' ? 'node16' : 'ESNext',
      moduleResolution: resolution,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node', 'long'],
    },
    files: ['program.ts'],
  });

function programFiles(program: Program): Record<string, string> {
  return {
    'program.mjs': program.esm,
    'program.cjs': program.cjs,
    'program.ts': program.ts,
    'tsconfig.node16.json': TSCONFIG('node16'),
    'tsconfig.bundler.json': TSCONFIG('bundler'),
  };
}

// Every copy of tfjs-core installed anywhere under node_modules (npm's nested folders, pnpm's
// .pnpm store folders), by real path: one means one engine for every package.
const ONE_ENGINE = `
const { readdirSync, realpathSync } = require('node:fs');
const copies = readdirSync('node_modules', { recursive: true })
  .map(String)
  .filter((p) => p.replaceAll('\\\\', '/').endsWith('@tensorflow/tfjs-core/package.json'))
  .map((p) => realpathSync('node_modules/' + p));
console.log(JSON.stringify([...new Set(copies)]));`;

let root: string;
// The offline dataset directory CI points the loaders at (../shared/datasets beside the repository).
const DATA_ENV = {
  LAYERWISE_DATASETS_DIR: process.env['LAYERWISE_DATASETS_DIR'] ?? join(ROOT, '..', 'shared', 'datasets'),
  LAYERWISE_MODELS_DIR: join(process.env['LAYERWISE_DATASETS_DIR'] ?? join(ROOT, '..', 'shared', 'datasets'), '..', 'models'),
};
let tarballs: Map<string, string>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'layerwise-consumer-'));
  tarballs = packAll(join(root, 'tarballs'));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Subset {
  readonly name: string;
  readonly install: readonly string[];
  readonly program: Program;
  /** Registry dependencies the user adds (default: tfjs-core, the peer, and the type-check tools). */
  readonly registry?: Readonly<Record<string, string>>;
  readonly check: (report: Record<string, unknown>) => void;
}

const trained = (report: Record<string, unknown>) => {
  expect(report['backend']).toBe('layerwise-wasm');
  expect(report['last']).toBeLessThan((report['first'] as number) / 2);
  expect(report['leaked']).toBe(0);
};

const subsets: Subset[] = [
  {
    name: 'the umbrella layerwise alone',
    install: ['layerwise'],
    program: umbrellaProgram,
    registry: TOOLS,
    check: trained,
  },
  {
    name: 'layers + optimizers + backend-wasm training a tiny model',
    install: ['@layerwise/core', '@layerwise/layers', '@layerwise/optimizers', '@layerwise/backend-wasm'],
    program: trainProgram,
    check: trained,
  },
  {
    name: 'io alone loading a saved model for prediction',
    install: ['@layerwise/io', '@layerwise/core'],
    program: ioProgram,
    // A backend of the user's choice: here tfjs-backend-cpu from the registry.
    registry: { ...REGISTRY, '@tensorflow/tfjs-backend-cpu': '^4.22.0' },
    check: (report) => {
      expect(report).toMatchObject({ backend: 'cpu', shape: [2, 345] });
      for (const sum of report['sums'] as number[]) expect(sum).toBeCloseTo(1, 4); // softmax outputs
    },
  },
  {
    name: 'datasets alone parsing MNIST',
    install: ['@layerwise/datasets', '@layerwise/core'],
    program: datasetsProgram,
    check: (report) => {
      expect(report).toMatchObject({ train: 60000, test: 10000 });
      expect((report['counts'] as number[]).slice(0, 2)).toEqual([5923, 6742]);
    },
  },
];

describe.each(['npm', 'pnpm'] as Manager[])('installed with %s', (manager) => {
  describe.each(subsets)('$name', (subset) => {
    let dir: string;
    beforeAll(() => {
      dir = join(root, `${manager}-${subset.name.replace(/\W+/g, '-')}`);
      createProject({ dir, manager, install: subset.install, registry: subset.registry ?? REGISTRY, tarballs, files: programFiles(subset.program) });
    }, 600_000);

    it('runs as an ES module, with one tfjs-core and no kernel registered twice', () => {
      const result = run(dir, 'node', ['program.mjs'], DATA_ENV);
      subset.check(lastJson(result));
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/already registered|Platform .* has already been set/);
      // Every installed package resolves the same tfjs-core (the peer), so there is one engine.
      const copies = run(dir, 'node', ['-e', ONE_ENGINE]);
      expect(lastJson<string[]>(copies)).toHaveLength(1);
    }, 240_000);

    it('runs as a CommonJS script', () => {
      const result = run(dir, 'node', ['program.cjs'], DATA_ENV);
      subset.check(lastJson(result));
    }, 240_000);

    it.each(['node16', 'bundler'])('type-checks with moduleResolution %s', (resolution) => {
      const result = run(dir, join(dir, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${resolution}.json`]);
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.status).toBe(0);
    }, 240_000);
  });
});
