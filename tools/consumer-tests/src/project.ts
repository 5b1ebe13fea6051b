import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A package manager a user installs with. */
export type Manager = 'npm' | 'pnpm';

/** Options of {@link createProject}. */
export interface ProjectOptions {
  readonly dir: string;
  readonly manager: Manager;
  /** The Layerwise packages the user installs (by name), from the tarballs. */
  readonly install: readonly string[];
  /** Other dependencies from the registry (name → range). */
  readonly registry?: Readonly<Record<string, string>>;
  /** Every packed tarball: Layerwise packages depended on transitively resolve to these, never to the registry. */
  readonly tarballs: ReadonlyMap<string, string>;
  /** Files to write into the project (path → text). */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Creates a fresh project outside the workspace that installs the chosen packages from their
 * tarballs with npm or pnpm (no workspace links), with overrides pointing every `@layerwise/*`
 * dependency at its tarball too, and writes the program files.
 */
export function createProject(options: ProjectOptions): void {
  const { dir, manager, install, tarballs, files } = options;
  mkdirSync(dir, { recursive: true });
  const fileSpec = (name: string) => {
    const tarball = tarballs.get(name);
    if (!tarball) throw new Error(`no tarball for ${name}`);
    return `file:${tarball}`;
  };
  const overrides = Object.fromEntries([...tarballs.keys()].map((name) => [name, fileSpec(name)]));
  const manifest = {
    name: `consumer-${manager}`,
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies: { ...Object.fromEntries(install.map((name) => [name, fileSpec(name)])), ...options.registry },
    ...(manager === 'npm' ? { overrides } : { pnpm: { overrides, onlyBuiltDependencies: ['sharp'] } }),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const args = manager === 'npm' ? ['install', '--no-audit', '--no-fund', '--loglevel=error'] : ['install', '--config.confirmModulesPurge=false'];
  execFileSync(manager, args, { cwd: dir, stdio: 'pipe', env: { ...process.env, npm_config_workspaces: undefined } });
}

/** What a command printed and how it ended. */
export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the project. */
export function run(dir: string, command: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): RunResult {
  const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The last line of a program's output, parsed as JSON (the programs report through it). */
export function lastJson<T>(result: RunResult): T {
  const line = result.stdout.trim().split('\n').at(-1);
  if (result.status !== 0 || !line) throw new Error(`program failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line) as T;
}
