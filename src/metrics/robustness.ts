import type { Classifier } from '../models/types';
import { logitsOf } from '../models/predict';
import type { FeatureLayout } from '../data/layout';
import { ZigguratNormal } from '../util/normal';
import { rowRng } from '../util/sampling';
import { check } from '../util/errors';
import type { Matrix } from '../util/matrix';

/** The Gaussian noise (σ, samples, seed) under which counterfactuals are checked. */
export interface RobustnessOptions {
  /** Std of the Gaussian noise on each mutable continuous feature, in [0,1]-scaled units (default 0.05). */
  sigma: number;
  /** Noisy copies per counterfactual (default 100). */
  samples: number;
  seed: number;
}

/** How robust each counterfactual is to noise: the share of noisy copies still classified positive. */
export interface RecourseRobustness {
  /** Per factual: share of noisy copies still classified positive (NaN for an invalid counterfactual). */
  readonly perFactual: Float64Array;
  /** Mean over the valid counterfactuals (NaN when none). */
  readonly mean: number;
}

/**
 * Recourse robustness (paper Fig. 16, after Pawelczyk et al. 2022b, "noisy human responses"): a person
 * implements the recourse only approximately. For each valid counterfactual x′ we draw `samples` copies
 * x′ + u with u_j ~ N(0, σ²) on every mutable continuous feature (binary, one-hot and immutable features
 * unchanged), clipped to [0,1], and report the share the model still classifies positive; the summary is
 * the mean of these shares over valid counterfactuals. 1 = fully robust; 1 − value is the invalidation rate.
 */
export function recourseRobustness(
  model: Classifier,
  counterfactuals: Matrix,
  valid: readonly boolean[],
  layout: FeatureLayout,
  o: Partial<RobustnessOptions> = {},
): RecourseRobustness {
  const sigma = o.sigma ?? 0.05;
  const samples = o.samples ?? 100;
  check(Number.isFinite(sigma) && sigma >= 0, `sigma must be a finite number ≥ 0; got ${sigma}`);
  check(Number.isInteger(samples) && samples > 0, `samples must be a positive integer; got ${samples}`);
  const { rows, cols } = counterfactuals;
  const perFactual = new Float64Array(rows).fill(NaN);
  const idx = valid.flatMap((v, i) => (v ? [i] : []));
  if (!idx.length) return { perFactual, mean: NaN };
  const buf = new Float32Array(idx.length * samples * cols);
  idx.forEach((i, r) => {
    const normal = new ZigguratNormal(rowRng(o.seed ?? 0, i));
    for (let k = 0; k < samples; k++) {
      const o2 = (r * samples + k) * cols;
      buf.set(counterfactuals.data.subarray(i * cols, (i + 1) * cols), o2);
      for (const j of layout.continuous) buf[o2 + j] = Math.min(1, Math.max(0, buf[o2 + j] + sigma * normal.next()));
    }
  });
  const z = logitsOf(model, { data: buf, rows: idx.length * samples, cols });
  let total = 0;
  idx.forEach((i, r) => {
    let ok = 0;
    for (let k = 0; k < samples; k++) if (z[r * samples + k] > 0) ok++;
    perFactual[i] = ok / samples;
    total += perFactual[i];
  });
  return { perFactual, mean: total / idx.length };
}
