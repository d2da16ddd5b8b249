import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../util/rng';
import type { DecoderLayer } from '../../engine/index';
import { denseLayer, glorotChain, glorotLayer, layerWeights, reluChain, type DenseLayer, type LayerWeights } from '../../models/dense';
import type { VaeWeights } from './vae-weights';

export type { VaeWeights };

/**
 * A conditional VAE on [0,1]-scaled tabular rows (docs/methods.md §C-CHVAE): the encoder reads the mutable columns plus the immutable ones as condition, the decoder maps
 * (z, condition) through ReLU layers to sigmoid outputs for the mutable columns. Call dispose() when done.
 */
export class Vae {
  readonly mutableCols: number[];
  readonly condCols: number[];
  readonly latent: number;
  readonly encoder: DenseLayer[];
  readonly mu: DenseLayer;
  readonly logVar: DenseLayer;
  readonly decoder: DenseLayer[];

  constructor(w: VaeWeights) {
    this.mutableCols = [...w.mutableCols];
    this.condCols = [...w.condCols];
    this.latent = w.latent;
    this.encoder = w.encoder.map(denseLayer);
    this.mu = denseLayer(w.mu);
    this.logVar = denseLayer(w.logVar);
    this.decoder = w.decoder.map(denseLayer);
  }

  /** Seeded Glorot initialisation: encoder [m + c, ...hidden], heads → latent, decoder [latent + c, ...hidden reversed, m]. */
  static init(mutableCols: number[], condCols: number[], hidden: number[], latent: number, seed: number): Vae {
    const rng = new Rng(seed);
    const [m, c] = [mutableCols.length, condCols.length];
    const encSizes = [m + c, ...hidden];
    const decSizes = [latent + c, ...[...hidden].reverse(), m];
    const top = encSizes[encSizes.length - 1];
    return new Vae({
      mutableCols,
      condCols,
      latent,
      encoder: glorotChain(rng, encSizes),
      mu: glorotLayer(rng, top, latent),
      logVar: glorotLayer(rng, top, latent),
      decoder: glorotChain(rng, decSizes),
    });
  }

  get variables(): tf.Variable[] {
    return [...this.encoder, this.mu, this.logVar, ...this.decoder].flatMap((l) => [l.W, l.b]);
  }

  /** Mean and log-variance of q(z | x_mutable, condition). */
  encode(xm: tf.Tensor2D, cond: tf.Tensor2D): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
    return tf.tidy(() => {
      let h: tf.Tensor2D = this.condCols.length ? tf.concat([xm, cond], 1) : xm;
      for (const l of this.encoder) h = tf.relu(tf.add(tf.matMul(h, l.W as tf.Tensor2D), l.b)) as tf.Tensor2D;
      const mu = tf.add(tf.matMul(h, this.mu.W as tf.Tensor2D), this.mu.b) as tf.Tensor2D;
      const logVar = tf.add(tf.matMul(h, this.logVar.W as tf.Tensor2D), this.logVar.b) as tf.Tensor2D;
      return { mu, logVar };
    });
  }

  /** Pre-sigmoid decoder output (for a numerically stable BCE in training). */
  decodeLogits(z: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => reluChain(this.condCols.length ? tf.concat([z, cond], 1) : z, this.decoder));
  }

  /** The decoder's layers as plain float32 data (what shell jobs decode with, see sample-decoder.ts). */
  decoderLayers(): DecoderLayer[] {
    return this.decoder.map((l) => {
      const w = layerWeights(l);
      return { inDim: w.inDim, outDim: w.outDim, W: Float32Array.from(w.W), b: Float32Array.from(w.b) };
    });
  }

  /** Reconstruction of the mutable columns in (0,1) for latent codes z under a condition. */
  decode(z: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.sigmoid(this.decodeLogits(z, cond)));
  }

  /** Splits full rows into the mutable part and the condition. */
  split(x: tf.Tensor2D): { xm: tf.Tensor2D; cond: tf.Tensor2D } {
    return tf.tidy(() => ({
      xm: tf.gather(x, tf.tensor1d(this.mutableCols, 'int32'), 1) as tf.Tensor2D,
      cond: this.condCols.length ? (tf.gather(x, tf.tensor1d(this.condCols, 'int32'), 1) as tf.Tensor2D) : tf.zeros([x.shape[0], 0]),
    }));
  }

  weights(): VaeWeights {
    return {
      mutableCols: this.mutableCols,
      condCols: this.condCols,
      latent: this.latent,
      encoder: this.encoder.map(layerWeights),
      mu: layerWeights(this.mu),
      logVar: layerWeights(this.logVar),
      decoder: this.decoder.map(layerWeights),
    };
  }

  /** Overwrites every weight with `w` (same column roles and layer sizes). */
  setWeights(w: VaeWeights): void {
    const from = [...w.encoder, w.mu, w.logVar, ...w.decoder];
    const to = [...this.encoder, this.mu, this.logVar, ...this.decoder];
    if (from.length !== to.length) throw new Error(`Vae.setWeights: ${from.length} layers for a VAE of ${to.length}`);
    tf.tidy(() =>
      to.forEach((l, i) => {
        l.W.assign(tf.tensor2d(from[i].W, l.W.shape as [number, number]));
        l.b.assign(tf.tensor1d(from[i].b));
      }),
    );
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
