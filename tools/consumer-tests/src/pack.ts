import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { publicPackages } from './workspace.js';

/**
 * Packs every public package with `pnpm pack` (which turns `workspace:` ranges into real versions,
 * as publishing does) into `dir`; returns each package's tarball by name. The packages must be built.
 */
export function packAll(dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const pkg of publicPackages()) {
    const before = new Set(readdirSync(dir));
    execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkg.dir, stdio: 'pipe' });
    const created = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.tgz'));
    if (created.length !== 1) throw new Error(`pnpm pack in ${pkg.dir} created ${created.length} tarballs`);
    tarballs.set(pkg.name, join(dir, created[0]!));
  }
  return tarballs;
}
