import { layerwiseConfig } from '../../tsup.base';

// An application, not a library: ESM entries for Node, no declarations. `save-loop` and `backup-run`
// are the child processes of the interrupted-save and interrupted-training tests.
export default layerwiseConfig({ entry: ['src/main.ts', 'src/save-loop.ts', 'src/backup-run.ts'], format: ['esm'], dts: false, sourcemap: false, platform: 'node' });
