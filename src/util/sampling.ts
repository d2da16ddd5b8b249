import { Rng } from './rng';
import { ZigguratNormal } from './normal';

/** An independent generator for row i of a call with seed `seed`, so a row's samples do not depend on the batch. */
export function rowRng(seed: number, i: number): Rng {
  return new Rng((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
}

export interface ShellSpec {
  /** Inner and outer radius, 0 ≤ a0 ≤ a1. */
  a0: number;
  a1: number;
  /** The norm of the shell: points satisfy a0 ≤ ‖z − center‖_p ≤ a1. */
  p: 1 | 2;
  /**
   * 'volume': radius r = (U·(a1ᵏ − a0ᵏ) + a0ᵏ)^(1/k), uniform in the volume of an ℓ2 shell (Growing Spheres);
   * 'radius': r ~ U[a0, a1) (CARLA's GS and C-CHVAE).
   */
  radial: 'volume' | 'radius';
}

/**
 * Writes `count` samples around `center` into `out` (rows of width `width`, starting at row `firstRow`):
 * direction g/‖g‖_p with g ~ N(0, I) over the coordinates `dims`, other coordinates copied from center.
 * The specification of the searches' sampler: they run its WebAssembly twin (src/engine/shells/shell-wasm.ts),
 * which is tested to write the same bits.
 */
export function sampleShell(
  rng: Rng,
  center: ArrayLike<number>,
  dims: readonly number[],
  s: ShellSpec,
  count: number,
  out: Float32Array,
  firstRow: number,
  width: number,
): void {
  const k = dims.length;
  const g = new Float64Array(k);
  const normal = new ZigguratNormal(rng);
  const lo = s.a0 ** k;
  const hi = s.a1 ** k;
  for (let c = 0; c < count; c++) {
    const o = (firstRow + c) * width;
    for (let j = 0; j < width; j++) out[o + j] = center[j];
    if (!k) continue;
    let norm = 0;
    for (let t = 0; t < k; t++) {
      g[t] = normal.next();
      norm += s.p === 2 ? g[t] * g[t] : Math.abs(g[t]);
    }
    norm = s.p === 2 ? Math.sqrt(norm) : norm;
    const u = rng.next();
    const r = s.radial === 'volume' && k > 0 && Number.isFinite(hi) ? (lo + u * (hi - lo)) ** (1 / k) : s.a0 + u * (s.a1 - s.a0);
    const scale = norm > 0 ? r / norm : 0;
    for (let t = 0; t < k; t++) out[o + dims[t]] += g[t] * scale;
  }
}

/** ℓ2 distance between row r of `a` and row f of `b` (both of width d). */
export function rowDist2(a: Float32Array, r: number, b: ArrayLike<number>, f: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = a[r * d + j] - b[f * d + j];
    s += v * v;
  }
  return Math.sqrt(s);
}
