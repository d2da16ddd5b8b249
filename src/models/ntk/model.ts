/**
 * Kernel-regression NTK model of the paper's Theorem 2: w = (K∞(X, X) + βI)⁻¹Y, f(x) = K∞(x, X)ᵀw,
 * with labels Y ∈ {−1, +1} so that f is a score whose sign is the prediction and sigmoid(f) the
 * probability used in Theorem 5. Weights and predictions in Float64; `logits` in tfjs for autodiff.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../types';
import { check } from '../../util/errors';
import type { Matrix } from '../../util/matrix';
import { addDiagonal, cholesky, choleskySolve, type Mat64 } from '../../util/linalg';
import { crossKernel, kernelGradient, kernelMatrix, toMat64 } from './kernel';
import { kernelTensor } from './kernel-tensor';

/** The kernel-regression NTK classifier: Float64 weights and scores, tfjs logits for autodiff; dispose() frees its tensors. */
export class NtkModel implements Classifier {
  readonly inputDim: number;
  /** Training points (n × d, Float64). */
  readonly X: Mat64;
  /** Labels ±1. */
  readonly Y: Float64Array;
  readonly beta: number;
  /** K∞(X, X) (without βI). */
  readonly K: Mat64;
  /** Cholesky factor of K + βI. */
  readonly L: Mat64;
  /** NTK weights (K + βI)⁻¹Y. */
  readonly w: Float64Array;
  private tensors: { X: tf.Tensor2D; norms: tf.Tensor1D; w: tf.Tensor2D } | null = null;

  constructor(X: Mat64, Y: Float64Array, beta: number) {
    check(Number.isFinite(beta) && beta > 0, `the NTK ridge β (--beta) must be > 0: it makes K + βI invertible; got ${beta}`);
    check(X.rows === Y.length && X.rows > 0, `NTK training data: ${X.rows} points but ${Y.length} labels`);
    this.inputDim = X.cols;
    this.X = X;
    this.Y = Y;
    this.beta = beta;
    this.K = kernelMatrix(X);
    this.L = cholesky(addDiagonal(this.K, beta));
    this.w = choleskySolve(this.L, Y);
  }

  /** Fits on float32 data with {0,1} labels (mapped to ±1). */
  static fit(x: Matrix, y01: Float32Array, beta: number): NtkModel {
    return new NtkModel(
      toMat64(x),
      Float64Array.from(y01, (v) => (v > 0.5 ? 1 : -1)),
      beta,
    );
  }

  /** f(x) = K∞(x, X)ᵀw in Float64. */
  score(x: ArrayLike<number>): number {
    const k = crossKernel(x, this.X);
    let s = 0;
    for (let j = 0; j < k.length; j++) s += k[j] * this.w[j];
    return s;
  }

  /** w̄ = ∇ₓK∞(x, X)w, analytically (Float64). */
  gradient(x: ArrayLike<number>): Float64Array {
    return kernelGradient(x, this.X, this.w);
  }

  /** (K + βI)⁻¹v via the stored Cholesky factor. */
  solve(v: ArrayLike<number>): Float64Array {
    return choleskySolve(this.L, v);
  }

  private consts(): { X: tf.Tensor2D; norms: tf.Tensor1D; w: tf.Tensor2D } {
    if (!this.tensors) {
      // kept: the first call may happen inside a caller's tf.tidy
      const X = tf.keep(tf.tensor2d(Float32Array.from(this.X.data), [this.X.rows, this.X.cols]));
      this.tensors = {
        X,
        norms: tf.keep(tf.tidy(() => tf.sqrt(tf.maximum(tf.sum(tf.square(X), 1), 1e-30)) as tf.Tensor1D)),
        w: tf.keep(tf.tensor2d(Float32Array.from(this.w), [this.w.length, 1])),
      };
    }
    return this.tensors;
  }

  logits(x: tf.Tensor2D): tf.Tensor1D {
    const c = this.consts();
    return tf.tidy(() => tf.reshape(tf.matMul(kernelTensor(x, c.X, c.norms), c.w), [-1]) as tf.Tensor1D);
  }

  /** w̄ by tfjs autodiff (float32), for checking `gradient`. */
  gradientAutodiff(x: ArrayLike<number>): Float32Array {
    return tf.tidy(() => {
      const g = tf.grad((t: tf.Tensor) => tf.sum(this.logits(t as tf.Tensor2D)));
      return g(tf.tensor2d(Float32Array.from(x), [1, this.inputDim])).dataSync() as Float32Array;
    });
  }

  dispose(): void {
    if (this.tensors) for (const t of Object.values(this.tensors)) t.dispose();
    this.tensors = null;
  }
}
