/** A dense row-major matrix of float32 values: the plain-data currency between modules. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** A rows×cols float32 matrix (zeros unless data is given; its length is checked). */
export function matrix(rows: number, cols: number, data?: Float32Array): Matrix {
  const d = data ?? new Float32Array(rows * cols);
  if (d.length !== rows * cols) throw new Error(`matrix: data length ${d.length} ≠ ${rows}×${cols}`);
  return { rows, cols, data: d };
}

/** A matrix from equally long rows. */
export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const r = rows.length;
  const c = r ? rows[0].length : 0;
  const m = matrix(r, c);
  rows.forEach((row, i) => m.data.set(Array.from(row), i * c));
  return m;
}

/** Row i as a view (no copy). */
export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** The rows as plain number arrays. */
export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)));
}

/** The rows of m at the given indices, copied. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = matrix(idx.length, m.cols);
  for (let k = 0; k < idx.length; k++) out.data.set(row(m, idx[k]), k * m.cols);
  return out;
}

/** Up to `n` rows of `m`, evenly spread (all of them when it has fewer). */
export function spreadRows(m: Matrix, n: number): Matrix {
  if (m.rows <= n) return m;
  return takeRows(
    m,
    Array.from({ length: n }, (_, k) => Math.floor((k * m.rows) / n)),
  );
}

/** Euclidean norm. */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Dot product of two equally long vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Arithmetic mean (NaN for no values). */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample standard deviation (n − 1 in the denominator) around `mu`: 0 for one value, NaN for none. */
export function sampleStd(xs: ArrayLike<number>, mu = mean(xs)): number {
  if (xs.length === 0) return NaN;
  if (xs.length === 1) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - mu) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Median (NaN for no values). */
export function median(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  const s = Array.from(xs).sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
