import type { ConfigDict } from '@layerwise/core';
import { VarianceScaling } from './variance-scaling.js';

/** Options shared by the named variance-scaling initialisers. */
export interface SeedOptions {
  seed?: number;
}

const seeded = (options: SeedOptions) => (options.seed === undefined ? {} : { seed: options.seed });

/** Glorot (Xavier) uniform: the Keras default for Dense and Conv kernels. */
export class GlorotUniform extends VarianceScaling {
  override readonly className: string = 'GlorotUniform';
  constructor(options: SeedOptions = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}

/** Glorot (Xavier) normal, truncated. */
export class GlorotNormal extends VarianceScaling {
  override readonly className: string = 'GlorotNormal';
  constructor(options: SeedOptions = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}

/** He normal, truncated: suited to ReLU networks. */
export class HeNormal extends VarianceScaling {
  override readonly className: string = 'HeNormal';
  constructor(options: SeedOptions = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}

/** He uniform. */
export class HeUniform extends VarianceScaling {
  override readonly className: string = 'HeUniform';
  constructor(options: SeedOptions = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}
