import { checkInteger } from '@layerwise/core';

/** The size of the images a layer outputs. */
export interface TargetSize {
  height: number;
  width: number;
}

/** Reads the `height` and `width` arguments of a layer that outputs images of a fixed size. */
export function checkTargetSize(owner: string, args: { height: unknown; width: unknown }): { height: number; width: number } {
  return { height: checkInteger(owner, 'height', args.height), width: checkInteger(owner, 'width', args.width) };
}
