import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  it('has defaults for a bare URL and reads every parameter', () => {
    expect(readSettings('')).toEqual({ backend: 'auto', epochs: 8, steps: 20, batchSize: 64, autostart: false });
    expect(readSettings('?backend=webgpu&epochs=2&steps=5&batch=32&start=1')).toEqual({ backend: 'webgpu', epochs: 2, steps: 5, batchSize: 32, autostart: true });
  });

  it('names the bad parameter and the value received', () => {
    expect(() => readSettings('?backend=tpu')).toThrow("URL parameter 'backend' must be one of auto, webgpu, layerwise-wasm, cpu, received 'tpu'");
    expect(() => readSettings('?epochs=0')).toThrow("URL parameter 'epochs' must be an integer from 1 to 1000, received '0'");
    expect(() => readSettings('?batch=1.5')).toThrow(/'batch' .* received '1\.5'/);
  });
});
