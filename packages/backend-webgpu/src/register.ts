import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { describeAdapter, type PowerPreference, type WebGpuBackendInfo } from './adapter-info.js';
import { importModule, installNodeGpu, type ModuleLoader } from './node-gpu.js';
import { vulkanHint } from './vulkan.js';

/** Options of `registerWebGpuBackend`. */
export interface WebGpuBackendOptions {
  /** Which adapter to ask for; default `'high-performance'`. */
  readonly powerPreference?: PowerPreference;
  /**
   * Accept a software (fallback) adapter such as SwiftShader; default false, because on one
   * WebGPU is slower than the CPU backends. Tests and CI set it.
   */
  readonly allowSoftwareAdapter?: boolean;
  /** Flags for Dawn in Node (`'enable-dawn-features=...'`); ignored in browsers. */
  readonly dawnFlags?: readonly string[];
  /** How the optional `webgpu` package is imported in Node; tests inject one to simulate its absence. */
  readonly loadModule?: ModuleLoader;
}

/** What tfjs-backend-webgpu exports that Layerwise uses. */
interface TfjsWebGpuModule {
  WebGPUBackend: new (device: GPUDevice, adapterInfo?: GPUAdapterInfo) => tf.KernelBackend;
}

let chosen: WebGpuBackendInfo | undefined;

/** What the last successful `registerWebGpuBackend` chose, or undefined before one. */
export function webgpuBackendInfo(): WebGpuBackendInfo | undefined {
  return chosen;
}

function checkPowerPreference(value: unknown): PowerPreference {
  if (value === 'high-performance' || value === 'low-power') return value;
  throw new LayerwiseError(
    `registerWebGpuBackend: powerPreference must be 'high-performance' or 'low-power', received ${JSON.stringify(value)}`,
  );
}

async function requestAdapter(powerPreference: PowerPreference, nodeGpu: boolean): Promise<GPUAdapter> {
  const adapter = await navigator.gpu.requestAdapter({ powerPreference });
  if (adapter) return adapter;
  const hint = nodeGpu ? await vulkanHint() : ' Is WebGPU enabled in this browser (Chromium: --enable-unsafe-webgpu)?';
  throw new LayerwiseError(`registerWebGpuBackend: navigator.gpu.requestAdapter({ powerPreference: '${powerPreference}' }) returned no adapter.${hint}`);
}

/** The device limits tfjs-backend-webgpu's own factory asks for, taken from the adapter. */
function deviceDescriptor(adapter: GPUAdapter): GPUDeviceDescriptor {
  const l = adapter.limits;
  return {
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  };
}

/**
 * Registers tfjs-core's `'webgpu'` backend on the adapter Layerwise picks, and returns what it
 * picked. In browsers it uses `navigator.gpu`; in Node it first installs `navigator.gpu` from the
 * optional package `webgpu` (Dawn). It refuses a software adapter (SwiftShader) unless
 * `allowSoftwareAdapter` is set, then imports `@tensorflow/tfjs-backend-webgpu` lazily. Activate the
 * backend with `useBackend('webgpu')` (or `tf.setBackend('webgpu')`).
 *
 * Read tensors with `await t.data()` on this backend: synchronous reads throw in Node.
 *
 * @example
 * ```ts
 * import { useBackend } from '@layerwise/core';
 * import { registerWebGpuBackend } from '@layerwise/backend-webgpu';
 *
 * const info = await registerWebGpuBackend({ powerPreference: 'high-performance' });
 * console.log(`WebGPU on ${info.vendor} ${info.architecture}`);
 * await useBackend('webgpu');
 * ```
 */
export async function registerWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackendInfo> {
  const powerPreference = checkPowerPreference(options.powerPreference ?? 'high-performance');
  const load = options.loadModule ?? importModule;
  const source = await installNodeGpu(load, [...(options.dawnFlags ?? [])]);
  const adapter = await requestAdapter(powerPreference, source === 'node-webgpu');
  const info = describeAdapter(adapter, source, powerPreference);
  if (info.isSoftware && options.allowSoftwareAdapter !== true) {
    throw new LayerwiseError(
      `registerWebGpuBackend: the only adapter is a software one (${info.vendor} ${info.architecture}, ` +
        `'${info.description}'), slower than the CPU backends. Pass allowSoftwareAdapter: true to use it anyway.`,
    );
  }
  // A literal specifier, so that bundlers split tfjs-backend-webgpu into a chunk of its own.
  const module = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as TfjsWebGpuModule;
  // Replace the factory tfjs-backend-webgpu registered (which requests its own adapter), unless
  // webgpu is already in use. (tf.findBackend would start that factory's asynchronous init.)
  if (tf.getBackend() !== 'webgpu') {
    if (tf.findBackendFactory('webgpu') != null) tf.removeBackend('webgpu');
    tf.registerBackend('webgpu', async () => {
      const device = await adapter.requestDevice(deviceDescriptor(adapter));
      return new module.WebGPUBackend(device, adapter.info);
    }, 3);
  }
  chosen = info;
  return info;
}
