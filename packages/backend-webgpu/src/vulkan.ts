/** Debian's SwiftShader Vulkan driver manifest (package `chromium`). */
export const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

const loaderPaths = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
  '/usr/lib64/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
];

/**
 * A hint for why Dawn found no adapter on Linux: the Vulkan loader is missing, or no driver is
 * installed. Node only. Returns an empty string elsewhere or when nothing obvious is missing.
 */
export async function vulkanHint(
  env: NodeJS.ProcessEnv = process.env,
  exists?: (path: string) => boolean,
): Promise<string> {
  if (process.platform !== 'linux') return '';
  // Imported here, not at the top, so that the browser build never sees node:fs.
  exists ??= (await import('node:fs')).existsSync;
  if (!loaderPaths.some(exists)) {
    return ' The Vulkan loader libvulkan.so.1 was not found: install it (Debian: `apt-get install libvulkan1`).';
  }
  if (!env.VK_ICD_FILENAMES && exists(swiftShaderIcd)) {
    return ` No GPU driver was found; for the SwiftShader software driver set VK_ICD_FILENAMES=${swiftShaderIcd} and allowSoftwareAdapter: true.`;
  }
  return ' No Vulkan driver reported an adapter (is a GPU driver installed, or VK_ICD_FILENAMES set?).';
}
