import * as tf from '@tensorflow/tfjs';
import type { DenseLayer } from './attack';
import type { ScalarPool } from './train-params';

/** Σ over the batch of the per-row training loss, and the gradient of the batch mean w.r.t. every layer. */
export interface LossGrads {
  lossSum: tf.Scalar;
  grads: { W: tf.Tensor; b: tf.Tensor }[];
}

/** What the loss needs besides the weights: y± per row, and ε for the eq. 16 closed form (null otherwise). */
export interface LossInputs {
  /** The (adversarial) inputs [B, d]. */
  x: tf.Tensor2D;
  /** y± = 2y − 1 per row [B]. */
  ys: tf.Tensor1D;
  /** ε of eq. 16's robust margin y±·z − ε‖w‖₁ (linear models only), or per-feature radii for y±·z − Σ εⱼ|wⱼ|; null = plain logistic loss. */
  closedEps: number | Float32Array | null;
  /** Loss weight of each class (rows with y± > 0 weigh `pos`, the others `neg`); null = every row weighs 1. */
  classWeights?: { pos: number; neg: number } | null;
}

/** Each row's loss weight [B] from its class, or null when unweighted. */
function rowWeights(inp: LossInputs): tf.Tensor1D | null {
  const w = inp.classWeights;
  return w ? (tf.where(tf.greater(inp.ys, 0), tf.fill(inp.ys.shape, w.pos), tf.fill(inp.ys.shape, w.neg)) as tf.Tensor1D) : null;
}

/** The logit z per row [B] of a dense ReLU net (the linear output layer as a row product, not a matMul). */
export function denseLogits(layers: readonly DenseLayer[], x: tf.Tensor2D): { z: tf.Tensor1D; hidden: tf.Tensor2D[] } {
  const hidden: tf.Tensor2D[] = [];
  let h = x;
  for (let i = 0; i + 1 < layers.length; i++) {
    h = tf.fused.matMul({ a: h, b: layers[i].W, bias: layers[i].b, activation: 'relu' }) as tf.Tensor2D;
    hidden.push(h);
  }
  const out = layers[layers.length - 1];
  const z = tf.add(tf.sum(tf.mul(h, tf.reshape(out.W, [1, -1])), 1), out.b) as tf.Tensor1D;
  return { z, hidden };
}

/**
 * The mean logistic loss softplus(−m) with margin m = y±·z (or eq. 16's y±·z − ε‖w‖₁) and its gradients,
 * computed analytically for linear models and one-hidden-layer ReLU nets (a fixed, short op sequence instead
 * of autodiff's tape); deeper nets fall back to autodiffLossGrads. With r = c·σ(−m) (c the row's class weight, 1
 * when unweighted) and dz = −y±·r/B:
 * ∂/∂w_out = Σ hidden·dz, ∂/∂b_out = Σ dz, ∂/∂pre = dz·w_out·1[pre > 0], ∂/∂W1 = xᵀ ∂pre, ∂/∂b1 = Σ ∂pre;
 * eq. 16 adds ε·sign(w)·Σr/B to ∂/∂w (εⱼ·sign(wⱼ)·Σr/B with per-feature radii).
 */
export function lossGrads(layers: readonly DenseLayer[], inp: LossInputs, pool: ScalarPool): LossGrads {
  if (layers.length > 2) return autodiffLossGrads(layers, inp);
  const [lossSum, grads] = tf.tidy(() => {
    const B = inp.x.shape[0];
    const out = layers[layers.length - 1];
    const { z, hidden } = denseLogits(layers, inp.x);
    const h = hidden.length ? hidden[0] : inp.x;
    let m = tf.mul(inp.ys, z);
    const radii = typeof inp.closedEps === 'number' ? null : inp.closedEps;
    if (radii) m = tf.sub(m, tf.sum(tf.mul(tf.abs(out.W), tf.tensor2d(radii, out.W.shape as [number, number]))));
    else if (typeof inp.closedEps === 'number') m = tf.sub(m, tf.mul(tf.sum(tf.abs(out.W)), pool.get(inp.closedEps)));
    const nm = tf.neg(m);
    const w = rowWeights(inp);
    const lossSum = tf.sum(w ? tf.mul(tf.softplus(nm), w) : tf.softplus(nm)) as tf.Scalar;
    const r = w ? tf.mul(tf.sigmoid(nm), w) : tf.sigmoid(nm);
    const dz = tf.reshape(tf.mul(r, tf.mul(inp.ys, pool.get(-1 / B))), [-1, 1]);
    let dWout: tf.Tensor = tf.sum(tf.mul(h, dz), 0);
    if (radii) dWout = tf.add(dWout, tf.mul(tf.mul(tf.reshape(tf.sign(out.W), [-1]), tf.tensor1d(radii)), tf.mul(tf.sum(r), pool.get(1 / B))));
    else if (typeof inp.closedEps === 'number') {
      dWout = tf.add(dWout, tf.mul(tf.reshape(tf.sign(out.W), [-1]), tf.mul(tf.sum(r), pool.get(inp.closedEps / B))));
    }
    const gOut = { W: tf.reshape(dWout, out.W.shape), b: tf.reshape(tf.sum(dz), [1]) };
    if (!hidden.length) return [lossSum, [gOut]];
    const dpre = tf.mul(tf.mul(dz, tf.reshape(out.W, [1, -1])), tf.sign(h));
    const gIn = { W: tf.matMul(tf.transpose(inp.x), dpre), b: tf.sum(dpre, 0) };
    return [lossSum, [gIn, gOut]];
  }) as [tf.Scalar, { W: tf.Tensor; b: tf.Tensor }[]];
  return { lossSum, grads };
}

/** The same loss and gradients by tfjs autodiff (any depth; the reference lossGrads is tested against). */
export function autodiffLossGrads(layers: readonly DenseLayer[], inp: LossInputs): LossGrads {
  return tf.tidy(() => {
    const flat = layers.flatMap((l) => [l.W, l.b]);
    const f = (...ts: tf.Tensor[]) => {
      const ls = layers.map((_, i) => ({ W: ts[2 * i] as tf.Tensor2D, b: ts[2 * i + 1] as tf.Tensor1D }));
      let h: tf.Tensor2D = inp.x;
      ls.forEach((l, i) => {
        h = tf.add(tf.matMul(h, l.W), l.b) as tf.Tensor2D;
        if (i < ls.length - 1) h = tf.relu(h);
      });
      let m: tf.Tensor = tf.mul(inp.ys, tf.reshape(h, [-1]));
      const last = ls[ls.length - 1].W;
      if (typeof inp.closedEps === 'number') m = tf.sub(m, tf.mul(tf.sum(tf.abs(last)), inp.closedEps));
      else if (inp.closedEps) m = tf.sub(m, tf.sum(tf.mul(tf.abs(last), tf.tensor2d(inp.closedEps, last.shape))));
      const w = rowWeights(inp);
      return tf.mean(w ? tf.mul(tf.softplus(tf.neg(m)), w) : tf.softplus(tf.neg(m))) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(flat);
    return {
      lossSum: tf.mul(value, inp.x.shape[0]) as tf.Scalar,
      grads: layers.map((_, i) => ({ W: grads[2 * i], b: grads[2 * i + 1] })),
    };
  });
}
