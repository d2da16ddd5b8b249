import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../util/matrix';
import { matrix } from '../util/matrix';
import type { Classifier } from './types';

export interface PgdOptions {
  /** ℓ∞ radius. */
  eps: number;
  /** Number of signed-gradient steps (default 20). */
  steps?: number;
  /** Step size α (default 2.5·ε/steps, so the iterates can cross the ball). */
  stepSize?: number;
  /** Start from a uniform random point of the ε-ball (default false for evaluation). */
  randomStart?: boolean;
  /** Seed of the random start. */
  seed?: number;
}

/** Mean logistic loss softplus(−y±·z) with y± = 2y − 1, optionally weighted per row. */
export function logisticLoss(logits: tf.Tensor1D, y: tf.Tensor1D, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const per = tf.softplus(tf.neg(tf.mul(tf.sub(tf.mul(y, 2), 1), logits)));
    return tf.mean(weights ? tf.mul(per, weights) : per) as tf.Scalar;
  });
}

/**
 * Madry's ℓ∞ PGD on tensors: maximises the logistic loss within the ε-ball ∩ [0,1]^d. Returns a new
 * tensor; the caller owns it.
 */
export function pgdTensor(model: Classifier, x: tf.Tensor2D, y: tf.Tensor1D, o: PgdOptions): tf.Tensor2D {
  const steps = o.steps ?? 20;
  const alpha = o.stepSize ?? (2.5 * o.eps) / steps;
  if (o.eps === 0 || steps === 0) return tf.clone(x);
  // sign(∇ₓ loss) = −y±·sign(∇ₓ logit), since the logistic loss is decreasing in y±·logit
  const ys = tf.sub(tf.mul(y, 2), 1).reshape([-1, 1]);
  const logitGrad = model.logitInputGradient
    ? (xa: tf.Tensor2D) => model.logitInputGradient!(xa)
    : (() => { const g = tf.grad((xa: tf.Tensor) => tf.sum(model.logits(xa as tf.Tensor2D))); return (xa: tf.Tensor2D) => g(xa) as tf.Tensor2D; })();
  const lo = tf.maximum(tf.sub(x, o.eps), 0);
  const hi = tf.minimum(tf.add(x, o.eps), 1);
  let xa: tf.Tensor2D = o.randomStart
    ? tf.tidy(() => tf.minimum(tf.maximum(tf.add(x, tf.randomUniform(x.shape, -o.eps, o.eps, 'float32', o.seed ?? 0)), lo), hi) as tf.Tensor2D)
    : tf.clone(x);
  for (let k = 0; k < steps; k++) {
    const next = tf.tidy(() => tf.minimum(tf.maximum(tf.sub(xa, tf.mul(tf.sign(tf.mul(logitGrad(xa), ys)), alpha)), lo), hi) as tf.Tensor2D);
    xa.dispose();
    xa = next;
  }
  lo.dispose();
  hi.dispose();
  ys.dispose();
  return xa;
}

/** PGD on plain matrices, in batches (for evaluation). */
export function pgdAttack(model: Classifier, x: Matrix, y: Float32Array, o: PgdOptions, batch = 4096): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let s = 0; s < x.rows; s += batch) {
    const e = Math.min(x.rows, s + batch);
    const adv = tf.tidy(() => {
      const xb = tf.tensor2d(x.data.subarray(s * x.cols, e * x.cols), [e - s, x.cols]);
      const yb = tf.tensor1d(y.subarray(s, e));
      return pgdTensor(model, xb, yb, { ...o, seed: (o.seed ?? 0) + s });
    });
    out.data.set(adv.dataSync(), s * x.cols);
    adv.dispose();
  }
  return out;
}

/**
 * The exact ℓ∞ worst case for a linear logit wᵀx + b: every feature moves by ε against y±·sign(w),
 * clipped to [0,1]. Because the loss is monotone in y±·(wᵀx + b) and the box is separable, this is optimal.
 */
export function linearWorstCase(w: ArrayLike<number>, x: Matrix, y: Float32Array, eps: number): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const s = y[i] > 0.5 ? 1 : -1;
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[i * x.cols + j] - eps * s * Math.sign(w[j]);
      out.data[i * x.cols + j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return out;
}
