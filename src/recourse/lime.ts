import type { Classifier } from '../models/types';
import type { Split } from '../data/types';
import type { Matrix } from '../util/matrix';
import { logitsOf } from '../models/predict';
import { ZigguratNormal } from '../util/normal';
import { cholesky, choleskySolve, mat64 } from '../util/linalg';
import { rowRng } from '../util/sampling';

/** The LIME surrogate of ROAR: samples, kernel width, ridge penalty and seed. */
export interface LimeOptions {
  /** Samples per factual, the factual itself first (default 5000, LIME). */
  samples: number;
  /** Kernel width in standardised units; 0 = LIME's 0.75·√d. */
  kernelWidth: number;
  /** Ridge penalty on the standardised coefficients (default 1, LIME's Ridge(alpha=1)). */
  ridge: number;
  seed: number;
}

/** One local linear model per factual: logit ≈ W[i]·x + b[i], in the model's [0,1] input units. */
export interface LinearSurrogates {
  readonly W: Float64Array;
  readonly b: Float64Array;
}

/** Per-feature mean and standard deviation of the training rows (a constant column gets std 1, as in LIME). */
export function featureScales(train: Matrix): { mean: Float64Array; std: Float64Array } {
  const { rows, cols, data } = train;
  const mean = new Float64Array(cols);
  const sq = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j] / rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sq[j] += (data[i * cols + j] - mean[j]) ** 2 / rows;
  return { mean, std: sq.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

/**
 * LIME-style local linear surrogates (docs/methods.md §ROAR): samples x + N(0, std²) per
 * feature (clipped to [0,1], the model's domain), LIME's kernel sqrt(exp(−‖z‖²/kw²)) on standardised
 * distances, and a weighted ridge fit of the model's *logit* (not its probability) on standardised features,
 * converted back to the model's input units (w = β/std, b = intercept − Σ β·mean/std). So ROAR's sigmoid
 * of W·x + b approximates the model's probability near x. Seeded per factual by its row number `rowIds[i]`.
 */
export function limeSurrogates(model: Classifier, factuals: Matrix, rowIds: readonly number[], train: Split, o: LimeOptions): LinearSurrogates {
  const { rows: n, cols: d } = factuals;
  const { mean, std } = featureScales(train.x);
  const N = o.samples;
  const kw = o.kernelWidth || 0.75 * Math.sqrt(d);
  const W = new Float64Array(n * d);
  const b = new Float64Array(n);
  const perChunk = Math.max(1, Math.floor((1 << 22) / (N * d)));
  for (let s = 0; s < n; s += perChunk) {
    const rows = Math.min(perChunk, n - s);
    const buf = new Float32Array(rows * N * d);
    for (let r = 0; r < rows; r++) {
      const normal = new ZigguratNormal(rowRng(o.seed, rowIds[s + r]));
      const x = factuals.data.subarray((s + r) * d, (s + r + 1) * d);
      for (let k = 0; k < N; k++) {
        for (let j = 0; j < d; j++) {
          const v = k === 0 ? x[j] : x[j] + normal.next() * std[j];
          buf[(r * N + k) * d + j] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
    }
    const y = logitsOf(model, { data: buf, rows: rows * N, cols: d });
    for (let r = 0; r < rows; r++) fitOne(buf, y, r * N, N, d, mean, std, kw, o.ridge, W.subarray((s + r) * d, (s + r + 1) * d), b, s + r);
  }
  return { W, b };
}

/** Weighted ridge of y on standardised rows [first, first + N) (intercept unpenalised), written into w and b[i]. */
function fitOne(
  buf: Float32Array,
  y: Float32Array,
  first: number,
  N: number,
  d: number,
  mean: Float64Array,
  std: Float64Array,
  kw: number,
  ridge: number,
  w: Float64Array,
  b: Float64Array,
  i: number,
): void {
  const z = new Float64Array(N * d);
  const wt = new Float64Array(N);
  let wsum = 0;
  for (let k = 0; k < N; k++) {
    let dist = 0;
    for (let j = 0; j < d; j++) {
      const v = (buf[(first + k) * d + j] - mean[j]) / std[j];
      z[k * d + j] = v;
      dist += ((buf[(first + k) * d + j] - buf[first * d + j]) / std[j]) ** 2;
    }
    wt[k] = Math.sqrt(Math.exp(-dist / (kw * kw)));
    wsum += wt[k];
  }
  const zbar = new Float64Array(d);
  let ybar = 0;
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < d; j++) zbar[j] += (wt[k] * z[k * d + j]) / wsum;
    ybar += (wt[k] * y[first + k]) / wsum;
  }
  const A = new Float64Array(d * d);
  const c = new Float64Array(d);
  const zc = new Float64Array(d);
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < d; j++) zc[j] = z[k * d + j] - zbar[j];
    const yc = y[first + k] - ybar;
    for (let j = 0; j < d; j++) {
      const wz = wt[k] * zc[j];
      c[j] += wz * yc;
      for (let t = 0; t <= j; t++) A[j * d + t] += wz * zc[t];
    }
  }
  for (let j = 0; j < d; j++) {
    A[j * d + j] += ridge;
    for (let t = 0; t < j; t++) A[t * d + j] = A[j * d + t];
  }
  const beta = choleskySolve(cholesky(mat64(d, d, A), 'give ROAR a positive LIME ridge (option limeRidge > 0)'), c);
  let intercept = ybar;
  for (let j = 0; j < d; j++) {
    intercept -= beta[j] * zbar[j];
    w[j] = beta[j] / std[j];
  }
  for (let j = 0; j < d; j++) intercept -= (beta[j] * mean[j]) / std[j];
  b[i] = intercept;
}
