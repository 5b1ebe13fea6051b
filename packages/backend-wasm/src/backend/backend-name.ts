/** The name `registerWasmBackend` registers the backend under, for `tf.setBackend`. */
export const WASM_BACKEND_NAME = 'layerwise-wasm';
