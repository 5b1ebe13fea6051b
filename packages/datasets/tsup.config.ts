import { layerwiseConfig } from '../../tsup.base';

// Node's built-ins (fs, path, os, crypto) are imported dynamically, only when running in Node; the
// shared config keeps them external with their `node:` prefix, which browser bundlers recognise.
export default layerwiseConfig();
