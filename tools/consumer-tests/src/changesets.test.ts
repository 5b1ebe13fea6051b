import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './workspace.js';

// The release flow, dry: a copy of the workspace's manifests and changeset configuration, one
// changeset touching one package, and `changeset version` run on it, as a maintainer's release
// does before `changeset publish`.

const CHANGESET_BIN = join(ROOT, 'node_modules', '.bin', 'changeset');

/** Every package.json of the workspace (not node_modules), relative to the root. */
function manifests(): string[] {
  const found: string[] = [];
  for (const group of ['packages', 'examples', 'tools', 'benchmarks']) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    if (existsSync(join(base, 'package.json'))) found.push(relative(ROOT, join(base, 'package.json')));
    for (const entry of readdirSync(base)) {
      const file = join(base, entry, 'package.json');
      if (existsSync(file)) found.push(relative(ROOT, file));
    }
  }
  return found;
}

const version = (dir: string, file: string) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { version: string }).version;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerwise-changesets-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json', ...manifests()]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  writeFileSync(join(dir, '.changeset', 'dry-run.md'), '---\n"@layerwise/losses": minor\n---\n\nA dry-run change to the losses.\n');
  execFileSync(CHANGESET_BIN, ['version'], { cwd: dir, stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('changeset version on a changeset touching @layerwise/losses', () => {
  it('bumps that package and writes its CHANGELOG', () => {
    expect(version(dir, 'packages/losses/package.json')).toBe(version(ROOT, 'packages/losses/package.json').replace(/^(\d+)\.(\d+)\.\d+$/, (_, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`));
    const changelog = readFileSync(join(dir, 'packages/losses/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('A dry-run change to the losses.');
    expect(existsSync(join(dir, '.changeset', 'dry-run.md'))).toBe(false);
  });

  it('bumps the packages that depend on it by a patch, as configured, and no unrelated package', () => {
    const layers = JSON.parse(readFileSync(join(dir, 'packages/layers/package.json'), 'utf8')) as { version: string };
    expect(layers.version).not.toBe(version(ROOT, 'packages/layers/package.json'));
    expect(version(dir, 'packages/datasets/package.json')).toBe(version(ROOT, 'packages/datasets/package.json'));
    expect(version(dir, 'packages/core/package.json')).toBe(version(ROOT, 'packages/core/package.json'));
  });

  it('never bumps private packages (examples, benchmarks, tools)', () => {
    for (const file of manifests()) {
      const manifest = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { private?: boolean };
      if (manifest.private) expect(version(dir, file), file).toBe(version(ROOT, file));
    }
  });
});
