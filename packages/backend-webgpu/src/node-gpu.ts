import { LayerwiseError } from '@layerwise/core';

/** What Layerwise uses of the `webgpu` npm package (Dawn's Node bindings). */
export interface NodeWebGpuModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Imports a module by name; injectable so that tests can simulate a missing package. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

/** The default loader: a dynamic import whose specifier bundlers leave alone. */
export const importModule: ModuleLoader = (specifier) => import(/* @vite-ignore */ specifier);

/** The `navigator.gpu` this module installed, to tell it from a runtime's own. */
let installed: GPU | undefined;

function currentGpu(): GPU | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator as { gpu?: GPU }).gpu ?? undefined;
}

/**
 * Installs `navigator.gpu` (and the `GPUBufferUsage`-style globals tfjs-backend-webgpu needs) from
 * the optional peer `webgpu` in Node. Does nothing when `navigator.gpu` already exists. Returns
 * where the `navigator.gpu` in use comes from.
 */
export async function installNodeGpu(
  load: ModuleLoader = importModule,
  dawnFlags: string[] = [],
): Promise<'browser' | 'node-webgpu'> {
  const gpu = currentGpu();
  if (gpu !== undefined) return gpu === installed ? 'node-webgpu' : 'browser';
  let module: NodeWebGpuModule;
  try {
    module = (await load('webgpu')) as NodeWebGpuModule;
  } catch (error) {
    throw new LayerwiseError(
      `registerWebGpuBackend: this runtime has no navigator.gpu and the optional package 'webgpu' ` +
        `(Dawn for Node) could not be loaded: ${(error as Error).message}. Install it with \`npm install webgpu\`, ` +
        `or use another backend (useBackend('auto') falls back to the CPU backends).`,
    );
  }
  Object.assign(globalThis, module.globals);
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined) g.navigator = {};
  installed = module.create(dawnFlags);
  Object.defineProperty(g.navigator, 'gpu', { value: installed, configurable: true });
  return 'node-webgpu';
}
