import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerClassNames } from '../models/registry.js';

/** The classes the conformance harness does not apply to, and why. */
const exempt: Record<string, string> = {
  InputLayer: 'a model input, made by input(); it has no call',
  Sequential: 'a model (tested as models: sequential.test.ts, config.test.ts)',
  Functional: 'a model (tested as models: functional.test.ts, config.test.ts)',
  Model: "Keras 2's name for Functional",
};

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The classes `runLayerTest` calls make, by the factory or constructor their `create` calls first
 * (`create: () => dense(...)`, `new Scale(...)`; factories are the class names in camel case), or,
 * for a table-driven test passing `create` on, by the rows of its table (`['Add', () => add(), ...]`).
 */
function classesUnderTest(): Set<string> {
  const found = new Set<string>();
  const factory = String.raw`\(\)\s*=>\s*(?:new\s+)?([A-Za-z0-9_]+)\s*[(<]`;
  for (const file of testFiles(resolve(__dirname, '..'))) {
    const source = readFileSync(file, 'utf8');
    const calls = source.split('runLayerTest({').slice(1);
    for (const call of calls) {
      const created = new RegExp(String.raw`^[^)]*?create:\s*` + factory).exec(call);
      if (created) found.add(created[1]!.toLowerCase());
      else if (/^\s*create\s*,/.test(call)) {
        for (const row of source.matchAll(new RegExp(String.raw`\[\s*'[^']*',\s*` + factory, 'g'))) found.add(row[1]!.toLowerCase());
      }
    }
  }
  return found;
}

describe('every registered layer class goes through the conformance harness', () => {
  it('has a runLayerTest call for each built-in layer class', () => {
    const tested = classesUnderTest();
    const names = layerClassNames();
    expect(names.length).toBeGreaterThan(70);
    const missing = names.filter((name) => !(name in exempt) && !tested.has(name.toLowerCase()));
    expect(missing, `layer classes without a runLayerTest({ create: () => ... }) call in a test file`).toEqual([]);
  });
});
