import type { ConfigDict } from '../types.js';

/** Something that can describe itself as a JSON config and be rebuilt from it. */
export interface Serializable {
  /** The class name written into saved configs (`'Dense'`, `'Adam'`). */
  readonly className: string;
  /** The constructor arguments that rebuild this object. */
  getConfig(): ConfigDict;
}
