import { LayerwiseError } from '@layerwise/core';

/** What `Model.save`, `saveWeights` and `loadWeights` need of `@layerwise/io`. */
export interface ModelIo {
  saveModel(model: unknown, target: string, options?: { includeOptimizer?: boolean }): Promise<unknown>;
  saveWeights(model: unknown, target: string): Promise<unknown>;
  loadWeights(model: unknown, source: string): Promise<unknown>;
}

// A variable specifier keeps bundlers and TypeScript from requiring it: @layerwise/io is an
// optional peer (it depends on this package, so this package cannot depend on it).
const IO_PACKAGE = '@layerwise/io';

/** Loads `@layerwise/io`, or says how to install it; `action` names what needed it. */
export async function loadModelIo(action: string): Promise<ModelIo> {
  try {
    return (await import(/* @vite-ignore */ IO_PACKAGE)) as ModelIo;
  } catch (error) {
    throw new LayerwiseError(`${action} needs @layerwise/io (npm install @layerwise/io), which could not be loaded: ${(error as Error).message}`);
  }
}
