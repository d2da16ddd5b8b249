import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { Rng } from '../util/rng';

/** One minibatch on the backend: inputs [B, d], y± [B], and PGD random-start noise in [−1, 1) [B, d] (or null). */
export interface Minibatch {
  x: tf.Tensor2D;
  ys: tf.Tensor1D;
  noise: tf.Tensor2D | null;
}

/**
 * The training split's random schedule and its minibatches. The seed's stream is drawn in a fixed order —
 * the initial weights' seed, then per epoch a permutation and the random-start noise — so every trainer
 * (one model or a stacked ε grid) with the same seed sees the same minibatches and noise. Each epoch's
 * minibatches are cut in JS and uploaded together when the epoch starts: on the wasm backend a gather or
 * slice copies its whole source tensor, so per-step indexing on the backend would cost more than the step.
 * Call dispose() when done.
 */
export class TrainingData {
  readonly n: number;
  readonly d: number;
  readonly initSeed: number;
  private readonly rng: Rng;
  private batches: Minibatch[] = [];

  constructor(private readonly split: Split, seed: number, readonly batchSize: number, private readonly withNoise: boolean) {
    this.n = split.x.rows;
    this.d = split.x.cols;
    this.rng = new Rng(seed);
    this.initSeed = this.rng.seed();
  }

  /** Minibatches per epoch. */
  get steps(): number {
    return Math.ceil(this.n / this.batchSize);
  }

  /** Draws the next epoch's order and noise, and uploads its minibatches (the previous epoch's are disposed). */
  nextEpoch(): readonly Minibatch[] {
    const { n, d } = this;
    const perm = this.rng.permutation(n);
    const noiseRng = new Rng(this.rng.seed());
    this.disposeBatches();
    for (let s = 0; s < n; s += this.batchSize) {
      const B = Math.min(this.batchSize, n - s);
      const x = new Float32Array(B * d);
      const ys = new Float32Array(B);
      for (let i = 0; i < B; i++) {
        const r = perm[s + i];
        x.set(this.split.x.data.subarray(r * d, (r + 1) * d), i * d);
        ys[i] = 2 * this.split.y[r] - 1;
      }
      const noise = this.withNoise ? tf.tensor2d(noiseRng.fill(B * d, (g) => g.uniform(-1, 1)), [B, d]) : null;
      this.batches.push({ x: tf.tensor2d(x, [B, d]), ys: tf.tensor1d(ys), noise });
    }
    return this.batches;
  }

  private disposeBatches(): void {
    for (const b of this.batches) tf.dispose([b.x, b.ys, ...(b.noise ? [b.noise] : [])]);
    this.batches = [];
  }

  dispose(): void {
    this.disposeBatches();
  }
}
