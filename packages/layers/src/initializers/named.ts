import { VarianceScaling } from './variance-scaling.js';

/** Options shared by the named variance-scaling initialisers. */
export interface SeedOptions {
  seed?: number;
}

function named(className: string, scale: number, mode: 'fanIn' | 'fanAvg', distribution: 'truncatedNormal' | 'uniform') {
  return class extends VarianceScaling {
    override readonly className = className;
    constructor(options: SeedOptions = {}) {
      super({ scale, mode, distribution, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    }
    override getConfig() {
      return { seed: this.seed ?? null };
    }
  };
}

/** Glorot (Xavier) uniform: the Keras default for Dense and Conv kernels. */
export const GlorotUniform = named('GlorotUniform', 1, 'fanAvg', 'uniform');
/** Glorot (Xavier) normal, truncated. */
export const GlorotNormal = named('GlorotNormal', 1, 'fanAvg', 'truncatedNormal');
/** He normal, truncated: suited to ReLU networks. */
export const HeNormal = named('HeNormal', 2, 'fanIn', 'truncatedNormal');
/** He uniform. */
export const HeUniform = named('HeUniform', 2, 'fanIn', 'uniform');
