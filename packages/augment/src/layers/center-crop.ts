import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { ConfigDict, Shape } from '@layerwise/core';
import type { LayerArgs } from '@layerwise/layers';
import { cropCentre, resizeImages } from '../geometry/resize.js';
import { ImageLayer, resizedShape } from './image-layer.js';
import { checkTargetSize, type TargetSize } from './target-size.js';

/** Arguments of {@link CenterCrop}. */
export interface CenterCropArgs extends LayerArgs, TargetSize {
}

/**
 * The central `height` x `width` region of each image, in training and at inference (Keras 3's
 * `CenterCrop`); an image smaller than that is cropped to the aspect ratio and resized up.
 */
export class CenterCrop extends ImageLayer {
  static override readonly className = 'CenterCrop';
  readonly height: number;
  readonly width: number;

  constructor(args: CenterCropArgs) {
    super(args);
    ({ height: this.height, width: this.width } = checkTargetSize(this.owner, args));
  }

  protected transformBatch(images: Tensor4D): Tensor4D {
    const [, h, w] = images.shape;
    if (h >= this.height && w >= this.width) return cropCentre(images, this.height, this.width);
    return resizeImages(images, this.height, this.width, { interpolation: 'bilinear', cropToAspectRatio: true });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return resizedShape(inputShape, this.height, this.width);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}

/** Creates a {@link CenterCrop} layer. */
export const centerCrop = (args: CenterCropArgs): CenterCrop => new CenterCrop(args);
