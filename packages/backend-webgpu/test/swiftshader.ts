import { existsSync } from 'node:fs';
import { swiftShaderIcd } from '../src/vulkan.js';

/**
 * Points Dawn's Vulkan loader at SwiftShader when nothing else was chosen, and says whether the
 * WebGPU tests can run. In CI (env CI set) a missing driver is a failure, never a skip.
 */
export function prepareSwiftShader(): { available: boolean; reason: string } {
  if (!process.env.VK_ICD_FILENAMES && existsSync(swiftShaderIcd)) process.env.VK_ICD_FILENAMES = swiftShaderIcd;
  if (process.env.VK_ICD_FILENAMES && existsSync(process.env.VK_ICD_FILENAMES)) return { available: true, reason: '' };
  const reason = `no Vulkan driver manifest: ${swiftShaderIcd} is missing (Debian package chromium) and VK_ICD_FILENAMES is unset`;
  if (process.env.CI) throw new Error(`WebGPU tests need SwiftShader in CI: ${reason}`);
  console.warn(`skipping WebGPU tests: ${reason}`);
  return { available: false, reason };
}
