#!/usr/bin/env node
// Creates the files every @layerwise package shares (package.json, tsconfig, tsup and vitest
// configs) for a package that does not have them yet. Usage: node scripts/new-package.mjs <dir> "<description>"
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, description = ''] = process.argv.slice(2);
if (!dir) throw new Error('usage: new-package.mjs <dir> "<description>"');
const root = join('packages', dir);
mkdirSync(join(root, 'src'), { recursive: true });
const write = (file, text) => {
  const path = join(root, file);
  if (!existsSync(path)) writeFileSync(path, text);
};
write('package.json', JSON.stringify({
  name: `@layerwise/${dir}`,
  version: '0.0.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      '@layerwise/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist', 'README.md', 'CHANGELOG.md'],
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    test: 'vitest run',
    lint: 'publint --strict && attw --pack . --profile node16 --format table-flipped --no-summary',
  },
  peerDependencies: { '@tensorflow/tfjs-core': '^4.22.0' },
  devDependencies: { '@tensorflow/tfjs-core': '^4.22.0' },
}, null, 2) + '\n');
write('tsconfig.json', JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }, null, 2) + '\n');
write('tsup.config.ts', "import { layerwiseConfig } from '../../tsup.base';\n\nexport default layerwiseConfig();\n");
write('vitest.config.ts', "import { layerwiseTestConfig } from '../../vitest.shared.ts';\n\nexport default layerwiseTestConfig();\n");
