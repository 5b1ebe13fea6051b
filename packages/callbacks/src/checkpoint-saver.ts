import { LayerwiseError } from '@layerwise/core';
import type { CallbackModel } from '@layerwise/core';

/** What a checkpoint writes: the whole model (architecture, weights, optimizer state) or its weights. */
export interface CheckpointRequest {
  readonly model: CallbackModel;
  /** The file to write; its extension picks the format (see `@layerwise/io`). */
  readonly path: string;
  readonly weightsOnly: boolean;
}

/**
 * Writes checkpoints. The default, {@link ioCheckpointSaver}, uses `@layerwise/io`; pass your own to
 * save elsewhere (a database, a remote store) or in another form. It must not leave a half-written
 * file where a good one was.
 */
export type CheckpointSaver = (request: CheckpointRequest) => Promise<void>;

// A variable specifier keeps bundlers from following it: @layerwise/io is an optional peer.
const IO_PACKAGE = '@layerwise/io';

interface IoModule {
  saveModel(model: unknown, target: string, options?: { includeOptimizer?: boolean }): Promise<unknown>;
  saveWeights(model: unknown, target: string): Promise<unknown>;
}

/**
 * Saves with `@layerwise/io`'s `saveModel` or `saveWeights` (which write to a temporary file and
 * rename it, so an interrupted save leaves the previous checkpoint intact). Throws an error that
 * says how to install `@layerwise/io` when it is missing.
 */
export const ioCheckpointSaver: CheckpointSaver = async ({ model, path, weightsOnly }) => {
  let io: IoModule;
  try {
    io = (await import(/* @vite-ignore */ IO_PACKAGE)) as IoModule;
  } catch (error) {
    throw new LayerwiseError(
      `Saving a checkpoint to ${path} needs @layerwise/io (npm install @layerwise/io), which could not be loaded: ${(error as Error).message}`,
    );
  }
  if (weightsOnly) await io.saveWeights(model, path);
  else await io.saveModel(model, path, { includeOptimizer: true });
};
