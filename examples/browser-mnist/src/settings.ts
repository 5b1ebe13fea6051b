/** The backends the page offers: `'auto'` picks WebGPU on a real GPU, else Layerwise's WebAssembly backend. */
export const BACKENDS = ['auto', 'webgpu', 'layerwise-wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** How the page trains, from its URL (`?backend=webgpu&epochs=4&steps=10&batch=32&start=1`). */
export interface Settings {
  readonly backend: BackendChoice;
  /** Rounds of `steps` batches; the chart gets a point per round. */
  readonly epochs: number;
  readonly steps: number;
  readonly batchSize: number;
  /** Start training as soon as the data is loaded, without waiting for the button. */
  readonly autostart: boolean;
}

function integer(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = params.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`URL parameter '${name}' must be an integer from 1 to ${max}, received '${text}'`);
  }
  return value;
}

/** Reads the settings from a page URL's query, naming any bad parameter. */
export function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  const backend = params.get('backend') ?? 'auto';
  if (!(BACKENDS as readonly string[]).includes(backend)) {
    throw new Error(`URL parameter 'backend' must be one of ${BACKENDS.join(', ')}, received '${backend}'`);
  }
  return {
    backend: backend as BackendChoice,
    epochs: integer(params, 'epochs', 8, 1000),
    steps: integer(params, 'steps', 20, 10_000),
    batchSize: integer(params, 'batch', 64, 4096),
    autostart: params.get('start') === '1',
  };
}
