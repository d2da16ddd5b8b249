import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../util/matrix';
import { matrix } from '../util/matrix';
import { featureRadii } from './radius';
import { fusedPgd, fusedPgdAvailable } from '../engine/index';
import { ScalarPool } from './train-params';
import type { Classifier } from './types';

/** One dense layer's tensors: W is in×out, b has `out` entries. */
export interface DenseLayer {
  W: tf.Tensor2D;
  b: tf.Tensor1D;
}

/** The ℓ∞ PGD attack: radius ε, steps, step size, random start and its seed, per-feature radius scale. */
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
  /** Per-feature radius scale (feature j moves by ε·scaleⱼ, step α·scaleⱼ; radius.ts); null = ε for every feature. */
  scale?: ArrayLike<number> | null;
}

/** Mean logistic loss softplus(−y±·z) with y± = 2y − 1, optionally weighted per row. */
export function logisticLoss(logits: tf.Tensor1D, y: tf.Tensor1D, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const per = tf.softplus(tf.neg(tf.mul(tf.sub(tf.mul(y, 2), 1), logits)));
    return tf.mean(weights ? tf.mul(per, weights) : per) as tf.Scalar;
  });
}

/**
 * ∇ₓ logit of a dense ReLU net for each row, analytically: forward to get the ReLU masks, then back
 * through the layers with the transposed weights `WT` (precomputed, so every product is a plain matMul).
 */
export function denseInputGradient(layers: readonly DenseLayer[], WT: readonly tf.Tensor2D[], x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const last = layers.length - 1;
    const masks: tf.Tensor2D[] = [];
    let h = x;
    for (let i = 0; i < last; i++) {
      const pre = tf.fused.matMul({ a: h, b: layers[i].W, bias: layers[i].b }) as tf.Tensor2D;
      masks.push(tf.step(pre) as tf.Tensor2D);
      if (i + 1 < last) h = tf.relu(pre) as tf.Tensor2D;
    }
    // ∂ logit / ∂ (last hidden layer) is the output column of W, the same for every row
    let g = tf.mul(masks[last - 1], tf.reshape(layers[last].W, [1, -1])) as tf.Tensor2D;
    for (let i = last - 1; i >= 0; i--) {
      g = tf.matMul(g, WT[i]);
      if (i > 0) g = tf.mul(g, masks[i - 1]) as tf.Tensor2D;
    }
    return g;
  });
}

/**
 * `steps` PGD steps on the logistic loss for a dense net, from `start` inside the box [lo, hi] (the ε-ball
 * ∩ [0,1]^d): x ← clip(x − sign(∇ₓ logit)·y±α, lo, hi), where `ysAlpha` = y±·α per row ([B, 1]). For a
 * linear model ∇ₓ logit = w for every row and step, so the steps all move the same way and collapse into
 * one step of steps·α, clipped — exactly the iterates' end point. Returns a new tensor.
 */
export function pgdDense(
  layers: readonly DenseLayer[],
  start: tf.Tensor2D,
  lo: tf.Tensor2D,
  hi: tf.Tensor2D,
  ysAlpha: tf.Tensor2D,
  steps: number,
  pool: ScalarPool,
): tf.Tensor2D {
  return tf.tidy(() => {
    if (layers.length === 1) {
      const dir = tf.mul(tf.reshape(tf.sign(layers[0].W), [1, -1]), ysAlpha);
      return tf.minimum(tf.maximum(tf.sub(start, tf.mul(dir, pool.get(steps))), lo), hi) as tf.Tensor2D;
    }
    const WT = layers.slice(0, -1).map((l) => tf.transpose(l.W) as tf.Tensor2D);
    let xa = start;
    for (let k = 0; k < steps; k++) {
      const g = denseInputGradient(layers, WT, xa);
      const next = tf.minimum(tf.maximum(tf.sub(xa, tf.mul(tf.sign(g), ysAlpha)), lo), hi) as tf.Tensor2D;
      if (xa !== start) xa.dispose();
      xa = next;
    }
    return xa;
  });
}

/** ε as a tensor: the pooled scalar, or with a per-feature scale the row [1, d] of ε·scaleⱼ (the caller's tidy disposes it). */
export function radiusTensor(eps: number, scale: ArrayLike<number> | null, d: number, pool: ScalarPool): tf.Tensor {
  return scale ? tf.tensor2d(featureRadii(eps, scale, d), [1, d]) : pool.get(eps);
}

/** The ε-box of each row, [max(x − ε, 0), min(x + ε, 1)] (ε a scalar or a per-feature row). */
export function epsBox(x: tf.Tensor, eps: tf.Tensor, pool: ScalarPool): { lo: tf.Tensor; hi: tf.Tensor } {
  return { lo: tf.maximum(tf.sub(x, eps), pool.get(0)), hi: tf.minimum(tf.add(x, eps), pool.get(1)) };
}

/** A dense model's layers when it is a plain dense ReLU net (our Net), else null. */
function denseLayers(model: Classifier): readonly DenseLayer[] | null {
  const layers = (model as { layers?: { W: tf.Variable; b: tf.Variable }[] }).layers;
  if (!Array.isArray(layers) || !layers.length || !layers.every((l) => l.W?.rank === 2 && l.b?.rank === 1)) return null;
  return layers.map((l) => ({ W: l.W as tf.Tensor2D, b: l.b as tf.Tensor1D }));
}

/**
 * Madry's ℓ∞ PGD on tensors: maximises the logistic loss within the ε-ball ∩ [0,1]^d. Returns a new
 * tensor; the caller owns it. Dense nets (Net) take the fused PGD kernel (no random start, wasm/cpu) or
 * the analytic path of pgdDense; any other Classifier uses its logitInputGradient or autodiff.
 */
export function pgdTensor(model: Classifier, x: tf.Tensor2D, y: tf.Tensor1D, o: PgdOptions): tf.Tensor2D {
  const steps = o.steps ?? 20;
  const alpha = o.stepSize ?? (2.5 * o.eps) / steps;
  if (o.eps === 0 || steps === 0) return tf.clone(x);
  const dense = denseLayers(model);
  const sizes = dense ? [dense[0].W.shape[0], ...dense.map((l) => l.W.shape[1])] : [];
  const scale = o.scale ?? null;
  if (dense && !o.randomStart && !scale && fusedPgdAvailable(sizes)) {
    // the same iterates as pgdDense (up to float rounding) in one fused kernel call
    return tf.tidy(() => {
      const theta = tf.reshape(tf.concat(dense.flatMap((l) => [tf.reshape(l.W, [-1]), l.b])), [1, -1]) as tf.Tensor2D;
      return fusedPgd(x, tf.sub(tf.mul(y, 2), 1) as tf.Tensor1D, theta, { sizes, eps: o.eps, alpha, steps });
    });
  }
  if (dense) {
    const pool = new ScalarPool();
    const out = tf.tidy(() => {
      const e = radiusTensor(o.eps, scale, x.shape[1], pool);
      const { lo, hi } = epsBox(x, e, pool);
      const start = o.randomStart ? tf.minimum(tf.maximum(tf.add(x, tf.mul(tf.randomUniform(x.shape, -1, 1, 'float32', o.seed ?? 0), e)), lo), hi) : x;
      const ysAlpha = tf.mul(tf.reshape(tf.sub(tf.mul(y, 2), 1), [-1, 1]), radiusTensor(alpha, scale, x.shape[1], pool)) as tf.Tensor2D;
      return pgdDense(dense, start as tf.Tensor2D, lo as tf.Tensor2D, hi as tf.Tensor2D, ysAlpha, steps, pool);
    });
    pool.dispose();
    return out;
  }
  // sign(∇ₓ loss) = −y±·sign(∇ₓ logit), since the logistic loss is decreasing in y±·logit
  const ys = tf.sub(tf.mul(y, 2), 1).reshape([-1, 1]);
  const logitGrad = model.logitInputGradient
    ? (xa: tf.Tensor2D) => model.logitInputGradient!(xa)
    : (() => {
        const g = tf.grad((xa: tf.Tensor) => tf.sum(model.logits(xa as tf.Tensor2D)));
        return (xa: tf.Tensor2D) => g(xa) as tf.Tensor2D;
      })();
  const [eT, aT] = [tf.tensor1d(featureRadii(o.eps, scale, x.shape[1])), tf.tensor1d(featureRadii(alpha, scale, x.shape[1]))];
  const lo = tf.maximum(tf.sub(x, eT), 0);
  const hi = tf.minimum(tf.add(x, eT), 1);
  let xa: tf.Tensor2D = o.randomStart
    ? tf.tidy(() => tf.minimum(tf.maximum(tf.add(x, tf.mul(tf.randomUniform(x.shape, -1, 1, 'float32', o.seed ?? 0), eT)), lo), hi) as tf.Tensor2D)
    : tf.clone(x);
  for (let k = 0; k < steps; k++) {
    const next = tf.tidy(() => tf.minimum(tf.maximum(tf.sub(xa, tf.mul(tf.sign(tf.mul(logitGrad(xa), ys)), aT)), lo), hi) as tf.Tensor2D);
    xa.dispose();
    xa = next;
  }
  tf.dispose([lo, hi, ys, eT, aT]);
  return xa;
}

/** PGD on plain matrices, in batches (for evaluation). */
export function pgdAttack(model: Classifier, x: Matrix, y: Float32Array, o: PgdOptions, batch = 16_384): Matrix {
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
 * The exact ℓ∞ worst case for a linear logit wᵀx + b: every feature moves by its radius (ε, or ε·scaleⱼ) against y±·sign(w),
 * clipped to [0,1]. Because the loss is monotone in y±·(wᵀx + b) and the box is separable, this is optimal.
 */
export function linearWorstCase(w: ArrayLike<number>, x: Matrix, y: Float32Array, eps: number, scale: ArrayLike<number> | null = null): Matrix {
  const out = matrix(x.rows, x.cols);
  const r = featureRadii(eps, scale, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const s = y[i] > 0.5 ? 1 : -1;
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[i * x.cols + j] - r[j] * s * Math.sign(w[j]);
      out.data[i * x.cols + j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return out;
}
