import { afterEach, describe, expect, it } from 'vitest';
import { registerWebGpuBackend } from './index.js';
import { isSoftwareAdapter } from './adapter-info.js';
import { vulkanHint } from './vulkan.js';

afterEach(() => {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav && Object.getOwnPropertyDescriptor(nav, 'gpu')?.configurable) delete (nav as { gpu?: unknown }).gpu;
});

describe('registerWebGpuBackend without a usable GPU', () => {
  it("names the missing 'webgpu' package and the fallback", async () => {
    const loadModule = async (name: string) => {
      throw new Error(`Cannot find package '${name}'`);
    };
    await expect(registerWebGpuBackend({ loadModule })).rejects.toThrow(
      /no navigator.gpu and the optional package 'webgpu' .*Cannot find package 'webgpu'.*npm install webgpu/,
    );
  });

  it('explains a missing adapter with a driver hint', async () => {
    const fake = { create: () => ({ requestAdapter: async () => null }), globals: {} };
    const loadModule = async () => fake;
    await expect(registerWebGpuBackend({ loadModule })).rejects.toThrow(
      /requestAdapter\(\{ powerPreference: 'high-performance' \}\) returned no adapter\. .*(Vulkan|driver)/,
    );
  });
});

describe('vulkanHint', () => {
  it('asks for libvulkan1 when the loader is missing', async () => {
    expect(await vulkanHint({}, () => false)).toMatch(/libvulkan\.so\.1 was not found.*apt-get install libvulkan1/);
  });
  it('suggests SwiftShader when it is installed but not selected', async () => {
    expect(await vulkanHint({}, () => true)).toMatch(/VK_ICD_FILENAMES=\/usr\/lib\/chromium\/vk_swiftshader_icd\.json/);
  });
});

describe('isSoftwareAdapter', () => {
  it('recognises fallback flags and software driver names', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ info: { isFallbackAdapter: true } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15)' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA H100' } })).toBe(false);
  });
});
