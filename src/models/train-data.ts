import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { Rng } from '../util/rng';

/** One minibatch on the backend: inputs [B, d], y± [B], and PGD random-start noise in [−1, 1) [B, d] (or null). */
export interface Minibatch {
  x: tf.Tensor2D;
  ys: tf.Tensor1D;
  noise: tf.Tensor2D | null;
}

/** One epoch on the backend for the fused kernel: the whole split, this epoch's order, and its noise. */
export interface EpochTensors {
  /** Inputs [n, d] and y± [n], uploaded once for the whole training. */
  X: tf.Tensor2D;
  YS: tf.Tensor1D;
  /** Row order of this epoch [n] (int32); minibatch k is rows perm[k·B, (k+1)·B). */
  perm: tf.Tensor1D;
  /** Random-start noise [n, d] in [−1, 1), by position in this epoch's order; null without PGD. */
  noise: tf.Tensor2D | null;
}

/**
 * The training split's random schedule. The seed's stream is drawn in a fixed order — the initial weights'
 * seed, then per epoch a permutation and the seed of the random-start noise — so every trainer (one model or
 * a stacked ε grid, plain ops or fused kernel) with the same seed sees the same minibatches and noise.
 * Nothing is indexed on the backend per step (a wasm gather or slice copies its whole source tensor): the
 * ops trainer gets each epoch's minibatches cut in JS and uploaded together, the fused kernel gets the
 * epoch's permutation and noise and gathers its rows itself. Call dispose() when done.
 */
export class TrainingData {
  readonly n: number;
  readonly d: number;
  readonly initSeed: number;
  private readonly rng: Rng;
  private perm: Int32Array = new Int32Array(0);
  private noise: Float32Array | null = null;
  private owned: tf.Tensor[] = [];
  private whole: { X: tf.Tensor2D; YS: tf.Tensor1D } | null = null;

  constructor(
    private readonly split: Split,
    seed: number,
    readonly batchSize: number,
    private readonly withNoise: boolean,
  ) {
    this.n = split.x.rows;
    this.d = split.x.cols;
    this.rng = new Rng(seed);
    this.initSeed = this.rng.seed();
  }

  /** Minibatches per epoch. */
  get steps(): number {
    return Math.ceil(this.n / this.batchSize);
  }

  /** Draws the next epoch's order and noise (disposing the previous epoch's tensors). */
  nextEpoch(): void {
    this.perm = this.rng.permutation(this.n);
    const noiseRng = new Rng(this.rng.seed());
    this.noise = null;
    if (this.withNoise) {
      this.noise = new Float32Array(this.n * this.d);
      for (let q = 0; q < this.noise.length; q++) this.noise[q] = noiseRng.uniform(-1, 1);
    }
    tf.dispose(this.owned);
    this.owned = [];
  }

  /** This epoch's minibatches as backend tensors, in order. */
  minibatches(): Minibatch[] {
    const { n, d, perm } = this;
    const src = this.split.x.data;
    const out: Minibatch[] = [];
    for (let s = 0; s < n; s += this.batchSize) {
      const B = Math.min(this.batchSize, n - s);
      const x = new Float32Array(B * d);
      const ys = new Float32Array(B);
      for (let i = 0; i < B; i++) {
        const r = perm[s + i];
        for (let j = 0; j < d; j++) x[i * d + j] = src[r * d + j];
        ys[i] = 2 * this.split.y[r] - 1;
      }
      const noise = this.noise ? tf.tensor2d(this.noise.subarray(s * d, (s + B) * d), [B, d]) : null;
      out.push({ x: tf.tensor2d(x, [B, d]), ys: tf.tensor1d(ys), noise });
    }
    this.owned.push(...out.flatMap((b) => [b.x, b.ys, ...(b.noise ? [b.noise] : [])]));
    return out;
  }

  /** This epoch for the fused kernel: two uploads (order and noise) per epoch. */
  epochTensors(): EpochTensors {
    this.whole ??= {
      X: tf.tensor2d(this.split.x.data, [this.n, this.d]),
      YS: tf.tensor1d(Float32Array.from(this.split.y, (y) => 2 * y - 1)),
    };
    const perm = tf.tensor1d(this.perm, 'int32');
    const noise = this.noise ? tf.tensor2d(this.noise, [this.n, this.d]) : null;
    this.owned.push(perm, ...(noise ? [noise] : []));
    return { ...this.whole, perm, noise };
  }

  dispose(): void {
    tf.dispose(this.owned);
    this.owned = [];
    if (this.whole) tf.dispose([this.whole.X, this.whole.YS]);
    this.whole = null;
  }
}
