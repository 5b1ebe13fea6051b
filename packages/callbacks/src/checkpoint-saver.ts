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

/** What the saver needs of `@layerwise/io`. */
export interface CheckpointIo {
  saveModel(model: unknown, target: string, options?: { includeOptimizer?: boolean }): Promise<unknown>;
  saveWeights(model: unknown, target: string): Promise<unknown>;
  modelFormatOf(owner: string, location: string, format: undefined): string;
}

// A variable specifier keeps bundlers from following it: @layerwise/io is an optional peer.
const IO_PACKAGE = '@layerwise/io';

/**
 * A saver that writes with `@layerwise/io` as `load` provides it: `saveWeights`, or `saveModel` with
 * the optimizer's state wherever the format keeps it (`.keras`, `.h5`; a TensorFlow.js `model.json`
 * keeps the compile settings only). io writes to a temporary file and renames it, so an interrupted
 * save leaves the previous checkpoint intact. When `load` fails, the error says how to install io.
 */
export function createIoCheckpointSaver(load: () => Promise<CheckpointIo>): CheckpointSaver {
  return async ({ model, path, weightsOnly }) => {
    let io: CheckpointIo;
    try {
      io = await load();
    } catch (error) {
      throw new LayerwiseError(
        `Saving a checkpoint to ${path} needs @layerwise/io (npm install @layerwise/io), which could not be loaded: ${(error as Error).message}`,
      );
    }
    if (weightsOnly) await io.saveWeights(model, path);
    else await io.saveModel(model, path, { includeOptimizer: io.modelFormatOf('ModelCheckpoint', path, undefined) !== 'tfjs' });
  };
}

/** The default checkpoint saver: {@link createIoCheckpointSaver} importing the installed `@layerwise/io`. */
export const ioCheckpointSaver: CheckpointSaver = createIoCheckpointSaver(async () => (await import(/* @vite-ignore */ IO_PACKAGE)) as CheckpointIo);
