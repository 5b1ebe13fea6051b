import { layerwiseConfig } from '../../tsup.base';

// An application, not a library: ESM entries for Node, no declarations. `save-loop` is the child
// process of the interrupted-save test.
export default layerwiseConfig({ entry: ['src/main.ts', 'src/save-loop.ts'], format: ['esm'], dts: false, sourcemap: false, platform: 'node' });
