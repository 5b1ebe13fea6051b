import { layerwiseConfig } from '../../tsup.base';

// An application, not a library: one ESM entry for Node, no declarations.
export default layerwiseConfig({ entry: ['src/main.ts'], format: ['esm'], dts: false, sourcemap: false, platform: 'node' });
