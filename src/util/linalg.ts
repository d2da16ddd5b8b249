/**
 * Float64 dense linear algebra, with spectral.ts the one home of it in the project: matrices, Cholesky
 * solves (NTK kernel ridge, LIME ridge fits). Double precision because kernel matrices are too
 * ill-conditioned for float32 (tfjs).
 */
import { RecourseError } from './errors';

/** A square or rectangular Float64 matrix, row-major. */
export interface Mat64 {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows×cols Float64 matrix (zeros unless data is given). */
export function mat64(rows: number, cols: number, data?: Float64Array): Mat64 {
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** y = A v. */
export function matVec(a: Mat64, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const o = i * a.cols;
    for (let j = 0; j < a.cols; j++) s += a.data[o + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** A + βI (a copy). */
export function addDiagonal(a: Mat64, beta: number): Mat64 {
  const out = mat64(a.rows, a.cols, Float64Array.from(a.data));
  for (let i = 0; i < a.rows; i++) out.data[i * a.cols + i] += beta;
  return out;
}

/**
 * Lower-triangular Cholesky factor L of a symmetric positive-definite A (A = L Lᵀ). A pivot ≤ 0 is a
 * RecourseError whose message ends with `fix` (what the caller's user can change).
 */
export function cholesky(a: Mat64, fix = 'increase β (--beta)'): Mat64 {
  const n = a.rows;
  const l = mat64(n, n);
  for (let j = 0; j < n; j++) {
    let d = a.data[j * n + j];
    for (let k = 0; k < j; k++) d -= l.data[j * n + k] ** 2;
    if (!(d > 0)) {
      throw new RecourseError(`the matrix is not positive definite (pivot ${d.toExponential(3)} at row ${j}); ${fix}`);
    }
    const ljj = Math.sqrt(d);
    l.data[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i * n + j];
      for (let k = 0; k < j; k++) s -= l.data[i * n + k] * l.data[j * n + k];
      l.data[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b given the Cholesky factor L. */
export function choleskySolve(l: Mat64, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l.data[i * n + k] * y[k];
    y[i] = s / l.data[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l.data[k * n + i] * y[k];
    y[i] = s / l.data[i * n + i];
  }
  return y;
}
