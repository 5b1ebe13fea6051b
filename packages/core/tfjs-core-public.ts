import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

// Core bundles tfjs-core's gradient configs (Node cannot load their ESM files). Left alone, esbuild
// would follow their relative imports into a second copy of tfjs-core: its engine, tensors, kernel
// registry and io (about 300 KiB). This plugin rewrites those imports onto tfjs-core's public entry,
// which the application loads anyway, wherever the public entry exports the same things; only the
// gradient configs and the few internal ops and helpers they need without a public equivalent stay
// bundled. A module with state of its own (the engine, the registries) is never bundled: the build
// fails instead, naming the import that would have copied it.

const PUBLIC = '@tensorflow/tfjs-core';
const requireHere = createRequire(import.meta.url);
const DIST = resolve(dirname(requireHere.resolve(`${PUBLIC}/package.json`)), 'dist');

/** tfjs-core modules that hold state: a second copy would be a second engine, registry or environment. */
const STATEFUL = new Set(['engine', 'environment', 'global_util', 'kernel_registry', 'tensor', 'backends/backend', 'io/router_registry']);

interface PublicNames {
  readonly top: ReadonlySet<string>;
  readonly util: ReadonlySet<string>;
  readonly backendUtil: ReadonlySet<string>;
}

function publicNames(): PublicNames {
  const tf = requireHere(PUBLIC) as Record<string, unknown> & { util: object; backend_util: object };
  return { top: new Set(Object.keys(tf)), util: new Set(Object.keys(tf.util)), backendUtil: new Set(Object.keys(tf.backend_util)) };
}

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (imported name, local name). */
function specifiers(list: string): [string, string][] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [imported, local] = s.split(/\s+as\s+/);
      return [imported!, local ?? imported!];
    });
}

/** The members a file reads from a namespace import (`util.assert` → 'assert'). */
function membersUsed(code: string, namespace: string): string[] {
  return [...new Set([...code.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g'))].map((m) => m[1]!))];
}

/** Which public namespace serves a tfjs-core helper module, if any. */
function namespaceFor(module: string): 'util' | 'backend_util' | undefined {
  if (module === 'util' || module === 'util_base') return 'util';
  if (/^ops\/\w+_util$/.test(module) || module === 'backends/backend_util') return 'backend_util';
  return undefined;
}

/** Rewrites one tfjs-core dist file's imports; `module` is its path inside dist, without `.js`. */
export function rewriteImports(code: string, module: string, names: PublicNames): string {
  const from = dirname(module);
  let counter = 0;
  return code.replace(/^import\s+(\{[^}]*\}|\*\s+as\s+\w+)\s+from\s+'(\.{1,2}\/[^']+)';$/gm, (statement, clause: string, specifier: string) => {
    const target = relative('.', `${from}/${specifier}`).replace(/\.js$/, '');
    const space = namespaceFor(target);
    const spaceNames = space === 'util' ? names.util : names.backendUtil;
    if (clause.startsWith('*')) {
      const local = clause.replace(/^\*\s+as\s+/, '');
      if (space && membersUsed(code, local).every((m) => spaceNames.has(m))) return `import { ${space} as ${local} } from '${PUBLIC}';`;
      if (STATEFUL.has(target)) throw new Error(`tfjs-core-public: ${module}.js imports * from ${target}, which has no public equivalent and holds state`);
      return statement;
    }
    const pairs = specifiers(clause.slice(1, -1));
    if (target === 'engine' && pairs.every(([imported]) => imported === 'ENGINE')) {
      const alias = `__lwEngine${counter++}`;
      return `import { engine as ${alias} } from '${PUBLIC}';\n${pairs.map(([, local]) => `const ${local} = /* @__PURE__ */ ${alias}();`).join('\n')}`;
    }
    if (target === 'tensor' && pairs.every(([imported]) => imported === 'getGlobalTensorClass' || names.top.has(imported))) {
      const alias = `__lwTensor${counter++}`;
      const direct = pairs.filter(([imported]) => imported !== 'getGlobalTensorClass').map(([i, l]) => (i === l ? i : `${i} as ${l}`));
      const lines = [`import { Tensor as ${alias}${direct.length ? `, ${direct.join(', ')}` : ''} } from '${PUBLIC}';`];
      for (const [imported, local] of pairs) if (imported === 'getGlobalTensorClass') lines.push(`const ${local} = () => ${alias};`);
      return lines.join('\n');
    }
    if (pairs.every(([imported]) => names.top.has(imported))) {
      return `import { ${pairs.map(([i, l]) => (i === l ? i : `${i} as ${l}`)).join(', ')} } from '${PUBLIC}';`;
    }
    if (space && pairs.every(([imported]) => spaceNames.has(imported))) {
      const alias = `__lwSpace${counter++}`;
      // Pure-annotated reads, so that bundlers drop them with the code that uses them.
      const reads = pairs.map(([i, l]) => `const ${l} = /* @__PURE__ */ (() => ${alias}.${i})();`);
      return `import { ${space} as ${alias} } from '${PUBLIC}';\n${reads.join('\n')}`;
    }
    if (STATEFUL.has(target)) {
      throw new Error(`tfjs-core-public: ${module}.js imports { ${clause.slice(1, -1).trim()} } from ${target}, which has no public equivalent and holds state`);
    }
    return statement;
  });
}

/** The esbuild plugin (see the top of this file). */
export function tfjsCorePublic(): Plugin {
  const names = publicNames();
  return {
    name: 'tfjs-core-public',
    setup(build) {
      build.onLoad({ filter: /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/].*\.js$/ }, async (args) => {
        const module = relative(DIST, args.path).split('\\').join('/').replace(/\.js$/, '');
        const code = await readFile(args.path, 'utf8');
        return { contents: rewriteImports(code, module, names), loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
