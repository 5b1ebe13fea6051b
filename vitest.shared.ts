import { defineConfig } from 'vitest/config';

// vitest 5's reporter formats failures with Map.groupBy, which Node 20 lacks (added in Node 21):
// without it a failing test crashes the reporter instead of being reported. The config loads in
// the main vitest process, so the polyfill goes here.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
    configurable: true,
    writable: true,
  });
}

/**
 * Shared vitest settings. Workspace packages resolve to their TypeScript sources through the
 * `@layerwise/source` export condition, so tests need no build of their dependencies. tfjs-core's ESM files
 * under `dist/` (gradients, ops) use extension-less imports that Node cannot load, so vite
 * transforms them instead of handing them to Node.
 */
export function layerwiseTestConfig() {
  return defineConfig({
    resolve: { conditions: ['@layerwise/source'] },
    ssr: { resolve: { conditions: ['@layerwise/source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      server: { deps: { inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/] } },
    },
  });
}
