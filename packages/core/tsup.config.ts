import { layerwiseConfig } from '../../tsup.base';
import { tfjsCorePublic } from './tfjs-core-public';

// tfjs-core's gradient configs are ESM files Node cannot load (extension-less imports), so they
// are bundled in, their imports pointed at tfjs-core's public entry (see tfjs-core-public.ts);
// everything else of tfjs-core stays an external peer dependency.
export default layerwiseConfig({ noExternal: [/@tensorflow\/tfjs-core\/dist\//], esbuildPlugins: [tfjsCorePublic()] });
