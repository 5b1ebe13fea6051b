import { layerwiseConfig } from '../../tsup.base';

// tfjs-core's gradient configs are ESM files Node cannot load (extension-less imports), so they
// are bundled in; everything else of tfjs-core stays an external peer dependency.
export default layerwiseConfig({ noExternal: [/@tensorflow\/tfjs-core\/dist\//] });
