#!/usr/bin/env bash
# Runs the WebGPU parity suite and the WebGPU training benchmark on a machine with an NVIDIA GPU
# (the device tool's), writing their outputs to $OUT (or ./gpu-out). See benchmarks/gpu/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${OUT:-$PWD/gpu-out}"
mkdir -p "$out"
for f in .gl/*.deb; do [ -e "$f" ] && dpkg -x "$f" /; done
ldconfig || true
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -e "$icd" ] || icd=$(ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json 2>/dev/null | head -1)
if [ -z "$icd" ]; then echo "no NVIDIA Vulkan ICD found" | tee "$out/webgpu-parity.txt"; exit 1; fi
export VK_ICD_FILENAMES="$icd" VK_DRIVER_FILES="$icd"
command -v pnpm >/dev/null || npm install -g pnpm@10
pnpm install --frozen-lockfile
pnpm exec turbo run build --filter=@layerwise/benchmarks... --filter=@layerwise/backend-webgpu... --output-logs=errors-only
nvidia-smi -L > "$out/webgpu-parity.txt" 2>&1 || true
(cd packages/backend-webgpu && pnpm exec vitest run test/parity/parity.test.ts) >> "$out/webgpu-parity.txt" 2>&1 || true
(cd benchmarks && node dist/webgpu-fit.js) > "$out/webgpu-fit.md" 2>> "$out/webgpu-parity.txt"
