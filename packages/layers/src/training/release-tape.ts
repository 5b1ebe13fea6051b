import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-core's engine state this module reads: the tape being recorded. */
interface TapeState {
  readonly activeTape?: readonly { readonly saved?: readonly tf.Tensor[] }[] | null;
}

/**
 * Runs `f` (the function given to `tf.variableGrads`) and, when it throws, releases the tensors the
 * tape kept for the backward pass before rethrowing. tfjs-core 4.22 keeps those (clones of the ops'
 * inputs and outputs) until backpropagation, which never comes when the forward pass throws, so a
 * bad batch (targets of the wrong shape, say) would otherwise leak a few tensors per layer.
 */
function releasingTapeOnError<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    const state = (tf.engine() as unknown as { state?: TapeState }).state;
    for (const node of state?.activeTape ?? []) tf.dispose([...(node.saved ?? [])]);
    throw error;
  }
}

/** `tf.variableGrads(f, variables)`, releasing the tape's saved tensors when `f` throws (see {@link releasingTapeOnError}). */
export function variableGradsReleasingOnError(f: () => tf.Scalar, variables: tf.Variable[]): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  return tf.variableGrads(() => releasingTapeOnError(f), variables);
}
