import type { ConfigDict } from '@layerwise/core';
import type { SeedOptions } from './named.js';
import { VarianceScaling } from './variance-scaling.js';

const seeded = (options: SeedOptions) => (options.seed === undefined ? {} : { seed: options.seed });

/** LeCun normal, truncated: variance `1 / fanIn` (suited to SELU networks). */
export class LecunNormal extends VarianceScaling {
  override readonly className: string = 'LecunNormal';
  constructor(options: SeedOptions = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}

/** LeCun uniform: uniform in `±sqrt(3 / fanIn)`. */
export class LecunUniform extends VarianceScaling {
  override readonly className: string = 'LecunUniform';
  constructor(options: SeedOptions = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform', ...seeded(options) });
  }
  override getConfig(): ConfigDict {
    return { seed: this.seed ?? null };
  }
}
