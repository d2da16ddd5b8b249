/**
 * Eigenvalues and spectral norms in Float64: all eigenvalues of a small symmetric matrix, the extremes of a
 * symmetric operator (Lanczos, Lemma 2's Δ_K) and the largest singular value of a rectangular matrix
 * (decoder Lipschitz bounds). Matrices and solves are in linalg.ts.
 */
import type { Mat64 } from './linalg';
import { dot, norm2 } from './matrix';

/**
 * All eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (ascending). O(n³) per sweep:
 * meant for small matrices (tests, diagnostics), not for the full kernel matrix.
 */
export function symmetricEigenvalues(a: Mat64): number[] {
  const n = a.rows;
  const m = Float64Array.from(a.data);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        total += m[i * n + j] ** 2;
        if (i !== j) off += m[i * n + j] ** 2;
      }
    }
    if (off <= 1e-30 * Math.max(total, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p];
          const akq = m[k * n + q];
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k];
          const aqk = m[q * n + k];
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => m[i * n + i]).sort((x, y) => x - y);
}

/**
 * Extreme eigenvalues of a symmetric linear operator of size n, by Lanczos with full
 * re-orthogonalisation. Stops when both Ritz extremes change by < tol (relative) or after n steps (then
 * exact up to rounding). Deterministic start vector.
 */
export function lanczosExtremes(apply: (v: Float64Array) => Float64Array, n: number, tol = 1e-12, maxSteps = 400): { min: number; max: number; steps: number } {
  const q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 13) / 13);
  let nv = norm2(v);
  v = v.map((x) => x / nv);
  let prev = { min: NaN, max: NaN };
  const limit = Math.min(n, maxSteps);
  for (let k = 0; k < limit; k++) {
    q.push(v);
    const w = apply(v);
    const a = dot(w, v);
    alpha.push(a);
    for (const qi of q) {
      const c = dot(w, qi);
      for (let i = 0; i < n; i++) w[i] -= c * qi[i];
    }
    for (const qi of q) {
      const c = dot(w, qi);
      for (let i = 0; i < n; i++) w[i] -= c * qi[i];
    }
    const cur = tridiagonalExtremes(alpha, beta);
    const scale = Math.max(Math.abs(cur.min), Math.abs(cur.max), 1e-300);
    nv = norm2(w);
    const converged = k > 2 && Math.abs(cur.min - prev.min) <= tol * scale && Math.abs(cur.max - prev.max) <= tol * scale;
    if (converged || nv <= 1e-14 * scale || k === limit - 1) return { ...cur, steps: k + 1 };
    prev = cur;
    beta.push(nv);
    v = w.map((x) => x / nv);
  }
  return { ...prev, steps: limit };
}

/** Number of eigenvalues < x of the symmetric tridiagonal (alpha diagonal, beta off-diagonal): Sturm count. */
function sturmCount(alpha: number[], beta: number[], x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < alpha.length; i++) {
    const b2 = i > 0 ? beta[i - 1] ** 2 : 0;
    d = alpha[i] - x - (i > 0 ? b2 / d : 0);
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/** Smallest and largest eigenvalue of a symmetric tridiagonal matrix by bisection on Sturm counts. */
export function tridiagonalExtremes(alpha: number[], beta: number[]): { min: number; max: number } {
  const k = alpha.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i + 1 < k ? Math.abs(beta[i]) : 0);
    lo = Math.min(lo, alpha[i] - r);
    hi = Math.max(hi, alpha[i] + r);
  }
  const kth = (target: number) => {
    let a = lo;
    let b = hi;
    for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(Math.abs(a), Math.abs(b), 1e-300); it++) {
      const m = (a + b) / 2;
      if (sturmCount(alpha, beta, m) > target) b = m;
      else a = m;
    }
    return (a + b) / 2;
  };
  return { min: kth(0), max: kth(k - 1) };
}

/** Spectral norm ‖A‖₂ = max |λ| of a symmetric operator. */
export function symmetricSpectralNorm(apply: (v: Float64Array) => Float64Array, n: number): number {
  const e = lanczosExtremes(apply, n);
  return Math.max(Math.abs(e.min), Math.abs(e.max));
}

/**
 * Largest singular value of a row-major rows×cols matrix: power iteration on the smaller Gram matrix in
 * float64 until the estimate changes by less than 1e-12 (relative), at most 10 000 iterations.
 */
export function spectralNorm(W: ArrayLike<number>, rows: number, cols: number): number {
  const small = Math.min(rows, cols);
  if (!small) return 0;
  // Gram matrix G = WᵀW (cols ≤ rows) or WWᵀ, small × small
  const G = new Float64Array(small * small);
  const byCols = cols <= rows;
  for (let a = 0; a < small; a++) {
    for (let c = a; c < small; c++) {
      let s = 0;
      if (byCols) for (let r = 0; r < rows; r++) s += W[r * cols + a] * W[r * cols + c];
      else for (let k = 0; k < cols; k++) s += W[a * cols + k] * W[c * cols + k];
      G[a * small + c] = s;
      G[c * small + a] = s;
    }
  }
  let v = Float64Array.from({ length: small }, (_, i) => 1 + 0.01 * Math.sin(i + 1));
  let lambda = 0;
  for (let it = 0; it < 10_000; it++) {
    const u = new Float64Array(small);
    for (let a = 0; a < small; a++) {
      let s = 0;
      for (let c = 0; c < small; c++) s += G[a * small + c] * v[c];
      u[a] = s;
    }
    const norm = Math.hypot(...u);
    if (norm === 0) return 0;
    const next = norm / Math.hypot(...v);
    v = u.map((x) => x / norm);
    if (Math.abs(next - lambda) <= 1e-12 * next) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return Math.sqrt(lambda);
}
