import * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from './net';

/** Where each layer's W (in×out, row-major) and b sit in one flat parameter vector θ. */
export interface ParamLayout {
  readonly sizes: readonly number[];
  readonly layers: readonly { inDim: number; outDim: number; W: number; b: number }[];
  /** Length of θ. */
  readonly total: number;
}

/** The flat layout of a dense net with layer sizes [d, h1, ..., 1]: per layer W then b. */
export function paramLayout(sizes: readonly number[]): ParamLayout {
  const layers = [];
  let off = 0;
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [inDim, outDim] = [sizes[i], sizes[i + 1]];
    layers.push({ inDim, outDim, W: off, b: off + inDim * outDim });
    off += inDim * outDim + outDim;
  }
  return { sizes: [...sizes], layers, total: off };
}

/** θ from plain weights. */
export function flattenWeights(layout: ParamLayout, weights: readonly LayerWeights[]): Float32Array {
  const theta = new Float32Array(layout.total);
  layout.layers.forEach((l, i) => {
    theta.set(weights[i].W, l.W);
    theta.set(weights[i].b, l.b);
  });
  return theta;
}

/** Plain weights from θ. */
export function unflattenWeights(layout: ParamLayout, theta: ArrayLike<number>): LayerWeights[] {
  const a = Array.from(theta);
  return layout.layers.map((l) => ({ inDim: l.inDim, outDim: l.outDim, W: a.slice(l.W, l.b), b: a.slice(l.b, l.b + l.outDim) }));
}

/** One model's layer tensors sliced out of θ [P] (new tensors; use inside tf.tidy). */
export function layerTensors(layout: ParamLayout, theta: tf.Tensor1D): { W: tf.Tensor2D; b: tf.Tensor1D }[] {
  return layout.layers.map((l) => ({
    W: tf.reshape(tf.slice(theta, l.W, l.inDim * l.outDim), [l.inDim, l.outDim]) as tf.Tensor2D,
    b: tf.slice(theta, l.b, l.outDim) as tf.Tensor1D,
  }));
}

/** Concatenates per-layer gradients (same shapes as layerTensors) into one flat [P] gradient. */
export function flattenGrads(grads: { W: tf.Tensor; b: tf.Tensor }[]): tf.Tensor1D {
  return tf.concat(grads.flatMap((g) => [tf.reshape(g.W, [-1]), tf.reshape(g.b, [-1])])) as tf.Tensor1D;
}

/**
 * Scalar constants created once and reused: a JS number passed to a tfjs op is uploaded as a new scalar
 * tensor on every call, so training loops take their constants from here. Call dispose() when done.
 */
export class ScalarPool {
  private readonly pool = new Map<number, tf.Scalar>();

  get(v: number): tf.Scalar {
    let s = this.pool.get(v);
    if (!s) {
      s = tf.keep(tf.scalar(v));
      this.pool.set(v, s);
    }
    return s;
  }

  dispose(): void {
    for (const s of this.pool.values()) s.dispose();
    this.pool.clear();
  }
}
