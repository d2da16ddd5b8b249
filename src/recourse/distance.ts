import * as tf from '@tensorflow/tfjs';

export type CostNorm = 'l1' | 'l2' | 'l2sq';
export const COST_NORMS: readonly CostNorm[] = ['l1', 'l2', 'l2sq'];

/**
 * Per-row distance ‖a − b‖ as differentiable ops: ℓ1, ℓ2 (true norm; the 1e-12 inside the root gives the
 * zero vector a zero gradient instead of tfjs's NaN) or squared ℓ2 (the closed forms' cost).
 */
export function rowDistance(a: tf.Tensor2D, b: tf.Tensor2D, norm: CostNorm): tf.Tensor1D {
  return tf.tidy(() => {
    const diff = tf.sub(a, b);
    if (norm === 'l1') return tf.sum(tf.abs(diff), 1) as tf.Tensor1D;
    const sq = tf.sum(tf.square(diff), 1) as tf.Tensor1D;
    return norm === 'l2sq' ? sq : (tf.sqrt(tf.add(sq, 1e-12)) as tf.Tensor1D);
  });
}
