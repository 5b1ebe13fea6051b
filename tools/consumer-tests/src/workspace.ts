import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The monorepo's root. */
export const ROOT = new URL('../../..', import.meta.url).pathname;

/** A public (published) workspace package. */
export interface PublicPackage {
  readonly name: string;
  readonly dir: string;
  readonly version: string;
}

/** Every package under `packages/` that is not private: what `changeset publish` would publish. */
export function publicPackages(): PublicPackage[] {
  const base = join(ROOT, 'packages');
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean } }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, version: manifest.version }));
}
