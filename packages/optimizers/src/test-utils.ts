/**
 * Test-only helpers (not exported by the package).
 *
 * The base keys of a Keras 3 optimizer config with every feature off, as Keras' `get_config` writes
 * them (`loss_scale_factor` aside, which Layerwise does not implement).
 */
export const KERAS_BASE_OFF = {
  weight_decay: null,
  clipnorm: null,
  global_clipnorm: null,
  clipvalue: null,
  use_ema: false,
  ema_momentum: 0.99,
  ema_overwrite_frequency: null,
  gradient_accumulation_steps: null,
} as const;
