/** Which adapter to ask for (WebGPU's `GPUPowerPreference`, spelled out so that users need no WebGPU types). */
export type PowerPreference = 'high-performance' | 'low-power';

/** What `registerWebGpuBackend` chose: the adapter as the WebGPU implementation describes it. */
export interface WebGpuBackendInfo {
  /** Where `navigator.gpu` came from: the browser's, or one installed from the `webgpu` package in Node. */
  readonly source: 'browser' | 'node-webgpu';
  /** The power preference the adapter was requested with. */
  readonly powerPreference: PowerPreference;
  /** `GPUAdapterInfo.vendor` (`'google'` for SwiftShader). */
  readonly vendor: string;
  /** `GPUAdapterInfo.architecture` (`'swiftshader'` for SwiftShader). */
  readonly architecture: string;
  /** `GPUAdapterInfo.description`, for instance `'SwiftShader driver 5.0.0'`. */
  readonly description: string;
  /** True for a software (fallback) adapter such as SwiftShader: correct, but slower than the CPU backends. */
  readonly isSoftware: boolean;
}

/** The adapter fields Layerwise reads; `info` and `isFallbackAdapter` are optional in older browsers. */
export interface AdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}

/**
 * Whether an adapter is a software (fallback) one. Dawn reports SwiftShader as
 * `isFallbackAdapter: true` (on the adapter in older versions, on `adapter.info` in newer ones)
 * with vendor `google` and architecture `swiftshader`; Chromium's software path reports the same.
 */
export function isSoftwareAdapter(adapter: AdapterLike): boolean {
  if (adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true) return true;
  const text = `${adapter.info?.architecture ?? ''} ${adapter.info?.description ?? ''}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|software|warp/.test(text);
}

/** Describes an adapter as a `WebGpuBackendInfo`. */
export function describeAdapter(
  adapter: AdapterLike,
  source: WebGpuBackendInfo['source'],
  powerPreference: PowerPreference,
): WebGpuBackendInfo {
  return {
    source,
    powerPreference,
    vendor: adapter.info?.vendor ?? '',
    architecture: adapter.info?.architecture ?? '',
    description: adapter.info?.description ?? '',
    isSoftware: isSoftwareAdapter(adapter),
  };
}
