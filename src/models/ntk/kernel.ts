/**
 * The infinite-width ReLU NTK of the paper's Definition 2,
 *   K∞(a, b) = aᵀb · (π − arccos(aᵀb / (‖a‖‖b‖))) / (2π),
 * its kernel matrices and its analytic input gradient, in Float64. Conventions (documented because the
 * formula is 0/0 there): a zero vector gives K = 0 and is treated as orthogonal to everything (u = 0);
 * at θ = 0 (a ∥ b) K is not differentiable in a (it has a |angle| kink), and we take the symmetric
 * limit, dropping the angular term of the gradient (`PARALLEL_EPS64`).
 */
import type { Matrix } from '../../util/matrix';
import { mat64, type Mat64 } from '../../util/linalg';

/** Below this value of sin²θ the angular gradient term is dropped (Float64 path). */
export const PARALLEL_EPS64 = 1e-12;

/** Rows of a float32 Matrix as a Float64 matrix. */
export function toMat64(m: Matrix): Mat64 {
  return mat64(m.rows, m.cols, Float64Array.from(m.data));
}

/** Row norms and unit rows (a zero row stays zero). */
function unitRows(m: Mat64): { norms: Float64Array; unit: Float64Array } {
  const norms = new Float64Array(m.rows);
  const unit = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) s += m.data[i * m.cols + j] ** 2;
    norms[i] = Math.sqrt(s);
    if (norms[i] > 0) for (let j = 0; j < m.cols; j++) unit[i * m.cols + j] = m.data[i * m.cols + j] / norms[i];
  }
  return { norms, unit };
}

/**
 * The angle between two unit vectors by Kahan's formula θ = 2·atan2(‖â − b̂‖, ‖â + b̂‖): exact 0 for
 * equal directions and accurate near 0 and π, where arccos of a rounded cosine is not (arccos(1 − 1e-16)
 * is already 1.5e-8). π/2 when either vector is zero.
 */
function unitAngle(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number, zero: boolean): number {
  if (zero) return Math.PI / 2;
  let minus = 0;
  let plus = 0;
  for (let c = 0; c < d; c++) {
    const p = a[ao + c];
    const q = b[bo + c];
    minus += (p - q) ** 2;
    plus += (p + q) ** 2;
  }
  return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
}

function dotAt(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += a[ao + c] * b[bo + c];
  return s;
}

/** K∞(a, b) for two vectors. */
export function ntk(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const m = mat64(2, a.length, Float64Array.from([...Array.from(a), ...Array.from(b)]));
  const { norms, unit } = unitRows(m);
  const theta = unitAngle(unit, 0, unit, a.length, a.length, norms[0] === 0 || norms[1] === 0);
  return (dotAt(a, 0, b, 0, a.length) * (Math.PI - theta)) / (2 * Math.PI);
}

/** The n×n kernel matrix K∞(X, X) (symmetric by construction). */
export function kernelMatrix(x: Mat64): Mat64 {
  const n = x.rows;
  const d = x.cols;
  const { norms, unit } = unitRows(x);
  const k = mat64(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const theta = unitAngle(unit, i * d, unit, j * d, d, norms[i] === 0 || norms[j] === 0);
      k.data[i * n + j] = k.data[j * n + i] = (dotAt(x.data, i * d, x.data, j * d, d) * (Math.PI - theta)) / (2 * Math.PI);
    }
  }
  return k;
}

/** Unit vector and norm of one point. */
function unitPoint(x: ArrayLike<number>): { nx: number; ux: Float64Array } {
  const nx = Math.sqrt(dotAt(x, 0, x, 0, x.length));
  return { nx, ux: Float64Array.from(x, (v) => (nx > 0 ? v / nx : 0)) };
}

/** The vector K∞(x, X) ∈ ℝⁿ for one point x. */
export function crossKernel(x: ArrayLike<number>, X: Mat64): Float64Array {
  const d = X.cols;
  const { norms, unit } = unitRows(X);
  const { nx, ux } = unitPoint(x);
  const out = new Float64Array(X.rows);
  for (let j = 0; j < X.rows; j++) {
    const theta = unitAngle(ux, 0, unit, j * d, d, nx === 0 || norms[j] === 0);
    out[j] = (dotAt(x, 0, X.data, j * d, d) * (Math.PI - theta)) / (2 * Math.PI);
  }
  return out;
}

/**
 * ∇ₓ Σⱼ wⱼ K∞(x, Xⱼ) analytically:
 *   ∇ₓK(x, z) = z(π − θ)/(2π) + cot θ · (z − u‖z‖ x/‖x‖) / (2π),   u = cos θ,
 * the second term having norm |u|‖z‖/(2π) (bounded, but its direction jumps at θ = 0).
 */
export function kernelGradient(x: ArrayLike<number>, X: Mat64, w: ArrayLike<number>): Float64Array {
  const d = X.cols;
  const g = new Float64Array(d);
  const { norms, unit } = unitRows(X);
  const { nx, ux } = unitPoint(x);
  for (let j = 0; j < X.rows; j++) {
    if (w[j] === 0) continue;
    const zero = nx === 0 || norms[j] === 0;
    const theta = unitAngle(ux, 0, unit, j * d, d, zero);
    const u = Math.cos(theta);
    const sin = Math.sin(theta);
    const a = (w[j] * (Math.PI - theta)) / (2 * Math.PI);
    const b = !zero && sin * sin > PARALLEL_EPS64 ? (w[j] * u) / sin / (2 * Math.PI) : 0;
    for (let c = 0; c < d; c++) {
      const z = X.data[j * d + c];
      g[c] += a * z + (b === 0 ? 0 : b * (z - u * norms[j] * ux[c]));
    }
  }
  return g;
}
