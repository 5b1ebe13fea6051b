import { layerwiseConfig } from '../../tsup.base';

// Node's built-ins (fs, path, os, crypto) are imported dynamically, only when running in Node:
// they stay external and keep their `node:` prefix, which browser bundlers recognise.
export default layerwiseConfig({ external: [/^node:/], removeNodeProtocol: false });
