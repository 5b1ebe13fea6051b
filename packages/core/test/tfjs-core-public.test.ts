import { describe, expect, it } from 'vitest';
import { rewriteImports } from '../tfjs-core-public.js';

const names = {
  top: new Set(['mul', 'Conv2D', 'engine', 'Tensor', 'env']),
  util: new Set(['assert', 'sizeFromShape']),
  backendUtil: new Set(['tupleValuesAreOne', 'getReductionAxes']),
};

describe('rewriteImports (the build plugin that keeps one tfjs-core)', () => {
  it("points imports with public equivalents at tfjs-core's entry", () => {
    const code = [
      "import { Conv2D } from '../kernel_names';",
      "import { mul as times } from '../ops/mul';",
      "import * as conv_util from '../ops/conv_util';",
      "import * as util from '../util';",
      "import { ENGINE } from '../engine';",
      'util.assert(conv_util.tupleValuesAreOne(x));',
    ].join('\n');
    const out = rewriteImports(code, 'gradients/Conv2D_grad', names);
    expect(out).toContain("import { Conv2D } from '@tensorflow/tfjs-core';");
    expect(out).toContain("import { mul as times } from '@tensorflow/tfjs-core';");
    expect(out).toContain("import { backend_util as conv_util } from '@tensorflow/tfjs-core';");
    expect(out).toContain("import { util as util } from '@tensorflow/tfjs-core';");
    expect(out).toMatch(/import \{ engine as (__lwEngine\d+) \} from .@tensorflow\/tfjs-core.;\nconst ENGINE = \/\* @__PURE__ \*\/ \1\(\);/);
  });

  it('leaves internal modules without a public equivalent to be bundled', () => {
    const code = "import { conv2DBackpropFilter } from '../ops/conv2d_backprop_filter';";
    expect(rewriteImports(code, 'gradients/Conv2D_grad', names)).toBe(code);
  });

  it('fails the build rather than bundle a module that holds state', () => {
    expect(() => rewriteImports("import { ENGINE, Engine } from './engine';", 'tensor_util_env', names)).toThrow(
      /tensor_util_env\.js imports \{ ENGINE, Engine \} from engine, which has no public equivalent and holds state/,
    );
  });
});
