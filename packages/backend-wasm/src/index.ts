export { registerWasmBackend } from './backend/register.js';
export { defaultThreadCount } from './backend/default-threads.js';
export type { WasmBackendOptions } from './backend/register.js';
export { WASM_BACKEND_NAME } from './backend/backend-name.js';
export { LayerwiseWasmBackend } from './backend/backend.js';
export { wasmBackendInfo } from './backend/info.js';
export type { WasmRuntimeInfo } from './wasm/runtime.js';
export type { WasmFeatures, WasmVariant } from './wasm/features.js';
export { detectFeatures } from './wasm/features.js';
