import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workspace.js';

// Examples use the packages exactly as a user would: private workspace apps that depend on them by
// `workspace:` version and import only their public entry points (`@layerwise/layers`, never
// `@layerwise/layers/src/...` or a relative path into packages/).

const EXAMPLES = join(ROOT, 'examples');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(m|c)?[jt]sx?$/.test(entry) ? [path] : [];
  });
}

/** Public entry points: a package's `exports` keys (`'.'`, `'./test'`), of the packages in `groups`. */
function publicSpecifiers(groups: readonly string[]): Set<string> {
  const specifiers = new Set<string>();
  for (const group of groups) {
    for (const entry of readdirSync(join(ROOT, group))) {
      const manifestPath = join(ROOT, group, entry, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; exports?: Record<string, unknown> };
      for (const key of Object.keys(manifest.exports ?? { '.': null })) {
        if (key !== './package.json') specifiers.add(key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`);
      }
    }
  }
  return specifiers;
}

const examples = readdirSync(EXAMPLES).filter((e) => existsSync(join(EXAMPLES, e, 'package.json')));

describe.each(examples)('examples/%s', (example) => {
  const dir = join(EXAMPLES, example);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    private?: boolean;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

  it('is a private workspace package depending on Layerwise packages by workspace: version', () => {
    expect(manifest.private).toBe(true);
    const deps = { ...manifest.dependencies, ...manifest.devDependencies };
    const ours = Object.entries(deps).filter(([name]) => name.startsWith('@layerwise/') || name === 'layerwise');
    expect(ours.length).toBeGreaterThan(0);
    for (const [name, range] of ours) expect(range, name).toMatch(/^workspace:/);
  });

  it('imports only the public entry points of the packages it depends on', () => {
    const allowed = publicSpecifiers(['packages']);
    // Tests may also drive the example with the repository's private tools (the browser harness).
    const allowedInTests = publicSpecifiers(['packages', 'tools']);
    const deps = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }));
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
        const specifier = match[1]!;
        const where = `${relative(ROOT, file)}: '${specifier}'`;
        expect(specifier.includes('/packages/') || /^(\.\.\/)+packages\//.test(specifier), where).toBe(false);
        if (specifier.startsWith('@layerwise/') || specifier === 'layerwise') {
          const entryPoints = file.endsWith('.test.ts') ? allowedInTests : allowed;
          expect(entryPoints.has(specifier), `${where} is not a public entry point`).toBe(true);
          const packageName = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
          expect(deps.has(packageName), `${where}: ${packageName} is not in the example's package.json`).toBe(true);
        }
      }
    }
  });
});
