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
    if (Math.abs(next - lambda) <= 1e-12 * next) { lambda = next; break; }
    lambda = next;
  }
  return Math.sqrt(lambda);
}
