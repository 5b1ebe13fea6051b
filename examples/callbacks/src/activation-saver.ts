import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { Callback } from '@layerwise/callbacks';
import { saveNpy } from '@layerwise/io';
import { model as functionalModel, type Sequential } from '@layerwise/layers';

/**
 * The custom callback of Deep Learning with Python (section 7.2.2): at the end of every epoch it
 * runs the first validation sample through a model that returns every layer's activation, and
 * saves each as `<dir>/epoch-<n>/<layer>.npy`, which `numpy.load` reads.
 */
export class ActivationSaver extends Callback {
  private activations: ReturnType<typeof functionalModel> | undefined;
  /** Every file written, in order. */
  readonly written: string[] = [];

  constructor(
    private readonly network: Sequential,
    private readonly sample: Tensor,
    private readonly dir: string,
  ) {
    super();
  }

  override onTrainBegin(): void {
    // The layer outputs of the trained model itself: the activations follow its weights.
    this.activations = functionalModel({ inputs: this.network.inputs, outputs: this.network.layers.map((l) => l.output) });
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    const outputs = (await this.activations!.predict(this.sample)) as unknown as Tensor[];
    try {
      for (const [i, layer] of this.network.layers.entries()) {
        const path = `${this.dir}/epoch-${epoch + 1}/${layer.name}.npy`;
        await saveNpy(path, outputs[i]!);
        this.written.push(path);
      }
    } finally {
      tf.dispose(outputs);
    }
  }
}
