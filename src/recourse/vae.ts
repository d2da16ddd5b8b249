import * as tf from '@tensorflow/tfjs';
import { Rng } from '../util/rng';
import { spectralNorm } from './spectral';

/** Plain-data dense layer: W is in×out, row-major. */
export interface DenseWeights {
  readonly inDim: number;
  readonly outDim: number;
  readonly W: number[];
  readonly b: number[];
}

export interface VaeWeights {
  /** Columns the VAE reconstructs (the mutable ones) and conditions on (the immutable ones). */
  readonly mutableCols: number[];
  readonly condCols: number[];
  readonly latent: number;
  readonly encoder: DenseWeights[];
  readonly mu: DenseWeights;
  readonly logVar: DenseWeights;
  /** Hidden layers then the output layer (sigmoid). */
  readonly decoder: DenseWeights[];
}

interface Dense {
  W: tf.Variable;
  b: tf.Variable;
}

/** A variable from plain values (the temporary tensor is freed, so loading leaks nothing). */
function variableOf(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

function dense(w: DenseWeights): Dense {
  return { W: variableOf(tf.tensor2d(w.W, [w.inDim, w.outDim])), b: variableOf(tf.tensor1d(w.b)) };
}

function plain(l: Dense): DenseWeights {
  return { inDim: l.W.shape[0], outDim: l.W.shape[1] as number, W: Array.from(l.W.dataSync()), b: Array.from(l.b.dataSync()) };
}

function glorot(rng: Rng, inDim: number, outDim: number): DenseWeights {
  const lim = Math.sqrt(6 / (inDim + outDim));
  return { inDim, outDim, W: Array.from({ length: inDim * outDim }, () => rng.uniform(-lim, lim)), b: Array(outDim).fill(0) };
}

/**
 * A conditional VAE on [0,1]-scaled tabular rows (CARLA's C-CHVAE autoencoder, spec §3.1, without its
 * quirks): the encoder reads the mutable columns plus the immutable ones as condition, the decoder maps
 * (z, condition) through ReLU layers to sigmoid outputs for the mutable columns. Call dispose() when done.
 */
export class Vae {
  readonly mutableCols: number[];
  readonly condCols: number[];
  readonly latent: number;
  readonly encoder: Dense[];
  readonly mu: Dense;
  readonly logVar: Dense;
  readonly decoder: Dense[];

  constructor(w: VaeWeights) {
    this.mutableCols = [...w.mutableCols];
    this.condCols = [...w.condCols];
    this.latent = w.latent;
    this.encoder = w.encoder.map(dense);
    this.mu = dense(w.mu);
    this.logVar = dense(w.logVar);
    this.decoder = w.decoder.map(dense);
  }

  /** Seeded Glorot initialisation: encoder [m + c, ...hidden], heads → latent, decoder [latent + c, ...hidden reversed, m]. */
  static init(mutableCols: number[], condCols: number[], hidden: number[], latent: number, seed: number): Vae {
    const rng = new Rng(seed);
    const [m, c] = [mutableCols.length, condCols.length];
    const encSizes = [m + c, ...hidden];
    const decSizes = [latent + c, ...[...hidden].reverse(), m];
    const chain = (s: number[]) => s.slice(1).map((out, i) => glorot(rng, s[i], out));
    const top = encSizes[encSizes.length - 1];
    return new Vae({
      mutableCols, condCols, latent, encoder: chain(encSizes), mu: glorot(rng, top, latent), logVar: glorot(rng, top, latent),
      decoder: chain(decSizes),
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
    return tf.tidy(() => {
      let h: tf.Tensor2D = this.condCols.length ? tf.concat([z, cond], 1) : z;
      this.decoder.forEach((l, i) => {
        h = tf.add(tf.matMul(h, l.W as tf.Tensor2D), l.b) as tf.Tensor2D;
        if (i < this.decoder.length - 1) h = tf.relu(h);
      });
      return h;
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
      mutableCols: this.mutableCols, condCols: this.condCols, latent: this.latent, encoder: this.encoder.map(plain),
      mu: plain(this.mu), logVar: plain(this.logVar), decoder: this.decoder.map(plain),
    };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

export interface DecoderLipschitz {
  /** Upper bound on ‖G(z₁, c) − G(z₂, c)‖₂ / ‖z₁ − z₂‖₂ for a fixed condition c. */
  readonly bound: number;
  /** Spectral norm of each decoder layer (the first restricted to its latent rows). */
  readonly spectralNorms: number[];
  /** The output sigmoid's slope bound, 1/4. */
  readonly sigmoidFactor: number;
}

/**
 * The decoder's Lipschitz upper bound (Theorem 3's L_G): the product of the layers' spectral norms times
 * the activations' slopes (ReLU 1, output sigmoid 1/4). The condition is fixed during a search, so only the
 * latent rows of the first layer count. The bound is for the continuous decoder output; the rounding of
 * binary / one-hot columns after decoding is not Lipschitz. Since ‖ζ‖₂ ≤ ‖ζ‖₁, it also bounds the change
 * per unit of ℓ1 latent radius.
 */
export function decoderLipschitz(vae: Vae | VaeWeights): DecoderLipschitz {
  const w = vae instanceof Vae ? vae.weights() : vae;
  const norms = w.decoder.map((l, i) => (i === 0
    ? spectralNorm(l.W.slice(0, w.latent * l.outDim), w.latent, l.outDim)
    : spectralNorm(l.W, l.inDim, l.outDim)));
  return { bound: norms.reduce((p, s) => p * s, 1) * 0.25, spectralNorms: norms, sigmoidFactor: 0.25 };
}
