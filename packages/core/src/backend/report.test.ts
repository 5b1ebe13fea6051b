import { describe, expect, it } from 'vitest';
import { describeBackend, skipReason } from './report.js';

describe('skipReason', () => {
  it('says a package is not installed for the missing-module errors of Node and browsers', () => {
    const node = Object.assign(new Error("Cannot find package '@layerwise/backend-node' imported from /app/x.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(skipReason('@layerwise/backend-node', node)).toBe('@layerwise/backend-node is not installed');
    const browser = new TypeError('Failed to resolve module specifier "@layerwise/backend-webgpu". Relative references must start with either "/", "./", or "../".');
    expect(skipReason('@layerwise/backend-webgpu', browser)).toBe('@layerwise/backend-webgpu is not installed');
  });

  it('keeps the first line of any other error, including a missing module the package itself needs', () => {
    const inner = Object.assign(new Error("Cannot find package 'webgpu' imported from /app/node_modules/@layerwise/backend-webgpu/dist/index.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(skipReason('@layerwise/backend-webgpu', new Error('no adapter\nstack line'))).toBe('no adapter');
    expect(skipReason('@layerwise/backend-webgpu', inner)).toMatch(/^Cannot find package 'webgpu'/);
    expect(skipReason('x', 'a string')).toBe('a string');
  });
});

describe('describeBackend', () => {
  it('names the backend, how it was chosen and what was skipped', () => {
    const skipped = [{ name: 'webgpu', packageName: '@layerwise/backend-webgpu', why: 'no adapter' }];
    expect(describeBackend({ name: 'layerwise-wasm', choice: 'auto', reason: '', skipped })).toBe('layerwise-wasm (auto; skipped webgpu: no adapter)');
    expect(describeBackend({ name: 'webgpu', choice: 'auto', reason: '', skipped: [] })).toBe('webgpu (auto)');
    expect(describeBackend({ name: 'cpu', choice: 'application', reason: '', skipped: [] })).toBe('cpu (set by the application)');
  });
});
