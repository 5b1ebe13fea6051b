import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkBoolean, checkOneOf, type ConfigDict, type Shape } from '@layerwise/core';
import type { LayerArgs } from '@layerwise/layers';
import { INTERPOLATIONS, type Interpolation } from '../geometry/fill-mode.js';
import { resizeImages } from '../geometry/resize.js';
import { ImageLayer, resizedShape } from './image-layer.js';
import { checkTargetSize, type TargetSize } from './target-size.js';

/** Arguments of {@link Resizing}. */
export interface ResizingArgs extends LayerArgs, TargetSize {
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** Cut the central region of the target's aspect ratio before resizing, instead of stretching. Default false. */
  cropToAspectRatio?: boolean;
}

/** Resizes images to `height` x `width`, in training and at inference (Keras 3's `Resizing`). */
export class Resizing extends ImageLayer {
  static override readonly className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: Interpolation;
  readonly cropToAspectRatio: boolean;

  constructor(args: ResizingArgs) {
    super(args);
    ({ height: this.height, width: this.width } = checkTargetSize(this.owner, args));
    this.interpolation = checkOneOf(this.owner, 'interpolation', args.interpolation ?? 'bilinear', INTERPOLATIONS);
    this.cropToAspectRatio = checkBoolean(this.owner, 'cropToAspectRatio', args.cropToAspectRatio ?? false);
  }

  protected transformBatch(images: Tensor4D): Tensor4D {
    return resizeImages(images, this.height, this.width, this);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return resizedShape(inputShape, this.height, this.width);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), height: this.height, width: this.width, interpolation: this.interpolation, crop_to_aspect_ratio: this.cropToAspectRatio };
  }
}

/** Creates a {@link Resizing} layer. */
export const resizing = (args: ResizingArgs): Resizing => new Resizing(args);
