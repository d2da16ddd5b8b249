/**
 * K∞(x, X) as differentiable tfjs ops, so an NTK model can be a `Classifier` (PGD, the SCFE optimiser)
 * and so ∇ₓK(x, X)w can be checked by autodiff. Float32; the bounds themselves use the Float64 path.
 */
import * as tf from '@tensorflow/tfjs';

/** Below this 1 − u² the arccos gradient is zeroed (float32 cannot resolve smaller angles). */
export const PARALLEL_EPS32 = 1e-6;
const TINY = 1e-30;

/** arccos with the value clamped to [−1, 1] and a gradient that is 0 (not ∞/NaN) near u = ±1. */
const safeAcos = tf.customGrad(((u: tf.Tensor, save: tf.GradSaveFunc) => {
  save([u]);
  return {
    value: tf.acos(tf.clipByValue(u, -1, 1)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const s = saved[0];
      const oneMinus = tf.sub(1, tf.square(s));
      const ok = tf.greater(oneMinus, PARALLEL_EPS32);
      const inv = tf.div(-1, tf.sqrt(tf.maximum(oneMinus, PARALLEL_EPS32)));
      return [tf.mul(dy, tf.where(ok, inv, tf.zerosLike(inv)))];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** Row norms that are differentiable at 0 (gradient 0 there). */
function safeNorms(x: tf.Tensor2D): tf.Tensor1D {
  return tf.sqrt(tf.maximum(tf.sum(tf.square(x), 1), TINY)) as tf.Tensor1D;
}

/**
 * K∞(x, X) for a batch: x [m, d], X [n, d] → [m, n]. `Xnorms` may be passed when X is constant.
 */
export function kernelTensor(x: tf.Tensor2D, X: tf.Tensor2D, Xnorms?: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const dots = tf.matMul(x, X, false, true);
    const nx = safeNorms(x);
    const nX = Xnorms ?? safeNorms(X);
    const u = tf.div(dots, tf.mul(tf.expandDims(nx, 1), tf.expandDims(nX, 0)));
    return tf.div(tf.mul(dots, tf.sub(Math.PI, safeAcos(u) as tf.Tensor)), 2 * Math.PI) as tf.Tensor2D;
  });
}
