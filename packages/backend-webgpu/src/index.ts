export { registerWebGpuBackend, webgpuBackendInfo } from './register.js';
export type { WebGpuBackendOptions } from './register.js';
export { isSoftwareAdapter } from './adapter-info.js';
export type { WebGpuBackendInfo, AdapterLike, PowerPreference } from './adapter-info.js';
export { swiftShaderIcd } from './vulkan.js';
export type { ModuleLoader } from './node-gpu.js';
export { webgpuBackendProvider } from './provider.js';
