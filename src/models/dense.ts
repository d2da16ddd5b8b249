import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';

/** Plain-data weights of one dense layer: W is inDim×outDim, row-major (what cache files store). */
export interface LayerWeights {
  readonly inDim: number;
  readonly outDim: number;
  readonly W: number[];
  readonly b: number[];
}

/** A dense layer as trainable tfjs variables. */
export interface DenseLayer {
  readonly W: tf.Variable;
  readonly b: tf.Variable;
}

/** Glorot-uniform weights and zero bias, drawn from a seeded stream. */
export function glorotLayer(rng: Rng, inDim: number, outDim: number): LayerWeights {
  const lim = Math.sqrt(6 / (inDim + outDim));
  return { inDim, outDim, W: Array.from({ length: inDim * outDim }, () => rng.uniform(-lim, lim)), b: Array(outDim).fill(0) };
}

/** Glorot layers for consecutive sizes [a, b, c, ...] → a→b, b→c, ... */
export function glorotChain(rng: Rng, sizes: readonly number[]): LayerWeights[] {
  return sizes.slice(1).map((out, i) => glorotLayer(rng, sizes[i], out));
}

/**
 * x through dense layers, ReLU between them and none after the last: a net's logits, a decoder's pre-sigmoid
 * output. One definition, so every caller runs the same ops (a worker thread's decoder computes what the main
 * thread's does). Call inside tf.tidy.
 */
export function reluChain(x: tf.Tensor2D, layers: readonly { readonly W: tf.Tensor; readonly b: tf.Tensor }[]): tf.Tensor2D {
  let h = x;
  layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.W as tf.Tensor2D), l.b) as tf.Tensor2D;
    if (i < layers.length - 1) h = tf.relu(h);
  });
  return h;
}

/** Variables holding the given weights (the temporary tensors are freed, so loading leaks nothing). */
export function denseLayer(w: LayerWeights): DenseLayer {
  return tf.tidy(() => ({ W: tf.variable(tf.tensor2d(w.W, [w.inDim, w.outDim])), b: tf.variable(tf.tensor1d(w.b)) }));
}

/** The layer's current values as plain data. */
export function layerWeights(l: DenseLayer): LayerWeights {
  return { inDim: l.W.shape[0], outDim: l.W.shape[1] as number, W: Array.from(l.W.dataSync()), b: Array.from(l.b.dataSync()) };
}

/** True when consecutive layers chain (out of one = in of the next) and every array has its declared size. */
export function layersChain(layers: readonly LayerWeights[]): boolean {
  return layers.every(
    (l, i) =>
      Number.isInteger(l.inDim) &&
      Number.isInteger(l.outDim) &&
      l.inDim > 0 &&
      l.outDim > 0 &&
      Array.isArray(l.W) &&
      Array.isArray(l.b) &&
      l.W.length === l.inDim * l.outDim &&
      l.b.length === l.outDim &&
      (i === 0 || layers[i - 1].outDim === l.inDim),
  );
}
