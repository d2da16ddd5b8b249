/**
 * Closed forms for linear scores h(x) = wᵀx + b (for logistic regression, the logit), on plain numbers.
 * Used as test oracles and as the floor every method's ℓ2 cost on a linear model is checked against.
 */
import { check } from '../../util/errors';
import type { FeatureLayout } from '../../data/layout';
import { BoxPath } from './box-path';
import { branchAndBound, discreteUnits } from './branch-and-bound';

/** The linear score h(x) = wᵀx + b (our LR models have a bias; the paper's proofs drop it). */
export function linearScore(w: ArrayLike<number>, b: number, x: ArrayLike<number>): number {
  check(w.length === x.length, `w has ${w.length} entries but x has ${x.length}`);
  let s = b;
  for (let j = 0; j < w.length; j++) s += w[j] * x[j];
  return s;
}

function sqNorm(w: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) s += w[j] * w[j];
  return s;
}

/**
 * The minimiser of (h(x+ζ) − s)² + λ‖ζ‖₂²: ζ* = (s − h(x)) / (λ + ‖w‖²) · w (docs/methods.md §SCFE). It moves the
 * score a fraction ‖w‖²/(λ+‖w‖²) of the way to s; λ → 0 is the projection onto {h = s}.
 */
export function scfeClosedForm(w: ArrayLike<number>, b: number, x: ArrayLike<number>, s: number, lambda: number): Float64Array {
  check(lambda >= 0, `lambda must be ≥ 0; got ${lambda}`);
  const k = (s - linearScore(w, b, x)) / (lambda + sqNorm(w));
  return Float64Array.from(w, (wj) => k * wj);
}

/**
 * The paper's Definition 1 as printed: ζ* = m · λ/(λ + ‖w‖²) · w with m = s − f(x′). As printed m is
 * circular (x′ = x + ζ*); we evaluate the residual at the factual, m = s − h(x), the reading of the
 * paper's Thm 2 proof and of Pawelczyk et al. (2022). With that m this differs from the true minimiser
 * (scfeClosedForm) by the factor λ: it is not the optimum of eq. 2 for λ ≠ 1 (docs/methods.md §SCFE).
 */
export function scfeClosedFormPaper(w: ArrayLike<number>, b: number, x: ArrayLike<number>, s: number, lambda: number): Float64Array {
  check(lambda >= 0, `lambda must be ≥ 0; got ${lambda}`);
  const k = ((s - linearScore(w, b, x)) * lambda) / (lambda + sqNorm(w));
  return Float64Array.from(w, (wj) => k * wj);
}

/** The exact LR recourse: the margin, and whether discrete columns are relaxed to continuous ones. */
export interface ExactLinearOptions {
  /** The counterfactual must reach h(x′) ≥ margin (default 1e-3, so it is classified positive in float32). */
  margin?: number;
  /** Columns that may not change (ignored when `layout` is given: the layout's immutables are used). */
  immutable?: readonly number[];
  /**
   * Feature constraints. Without it (or with `relax: true`) every mutable column is continuous in [0,1]:
   * the relaxed optimum, a lower bound for every feasible counterfactual. With it, binary columns stay
   * in {0,1} and one-hot groups one-hot: the exact mixed-integer optimum by branch and bound.
   */
  layout?: FeatureLayout;
  /** Solve the continuous relaxation even when a layout is given (default false). */
  relax?: boolean;
  /** Node cap of the branch and bound (default 200 000); reaching it returns the best found, optimal = false. */
  maxNodes?: number;
}

/** The minimal ℓ2 recourse of a linear model: the point, its cost, whether one exists, whether it is proven optimal, and the branch-and-bound nodes used. */
export interface ExactLinearResult {
  /** The counterfactual (the factual when infeasible). */
  readonly x: Float64Array;
  /** ‖x′ − x‖₂ (Infinity when infeasible). */
  readonly cost: number;
  /** False when no point of the feasible set reaches the margin. */
  readonly feasible: boolean;
  /** False only when the branch and bound hit its node cap. */
  readonly optimal: boolean;
  /** Branch-and-bound nodes visited (0 for the relaxation). */
  readonly nodes: number;
}

/**
 * The minimum-ℓ2 counterfactual of a linear score: argmin ‖x′ − x‖₂ s.t. wᵀx′ + b ≥ margin, x′ ∈ [0,1]^d,
 * immutables fixed. The continuous part is solved exactly by the KKT path x′(ν) = clip(x + νw, lo, hi):
 * its score is piecewise linear and non-decreasing in ν, so the smallest feasible ν is found by sorting the
 * breakpoints (O(d log d)); the box and the immutables (lo = hi = x_j) are handled exactly, not by clipping
 * afterwards. Discrete columns, when a layout is given, are enumerated by branch and bound on top of it.
 */
export function exactLinearRecourse(w: ArrayLike<number>, b: number, x: ArrayLike<number>, opts: ExactLinearOptions = {}): ExactLinearResult {
  const d = x.length;
  check(w.length === d, `w has ${w.length} entries but x has ${d}`);
  const margin = opts.margin ?? 1e-3;
  check(Number.isFinite(margin), `margin must be a finite number; got ${margin}`);
  const layout = opts.relax ? undefined : opts.layout;
  const fixed = new Set(opts.layout ? opts.layout.immutable : (opts.immutable ?? []));
  const units = layout ? discreteUnits(layout, x, w) : [];
  const discreteCols = new Set(units.flatMap((u) => u.cols));
  const contCols = [...Array(d).keys()].filter((j) => !fixed.has(j) && !discreteCols.has(j));
  let fixedScore = b;
  for (const j of fixed) fixedScore += w[j] * x[j];
  const path = new BoxPath(
    contCols.map((j) => w[j]),
    contCols.map((j) => x[j]),
  );
  const out = Float64Array.from(x);
  const finish = (nu: number, choice: number[] | null, nodes: number, optimal: boolean): ExactLinearResult => {
    const xc = path.point(nu);
    contCols.forEach((j, k) => (out[j] = xc[k]));
    if (choice) units.forEach((u, k) => u.cols.forEach((j, i) => (out[j] = u.options[choice[k]].values[i])));
    let c = 0;
    for (let j = 0; j < d; j++) c += (out[j] - x[j]) ** 2;
    return { x: out, cost: Math.sqrt(c), feasible: true, optimal, nodes };
  };
  const infeasible = (nodes: number): ExactLinearResult => ({ x: Float64Array.from(x), cost: Infinity, feasible: false, optimal: true, nodes });
  if (!units.length) {
    const nu = path.minNu(margin - fixedScore);
    return nu === null ? infeasible(0) : finish(nu, null, 0, true);
  }
  const bb = branchAndBound(units, path, margin - fixedScore, opts.maxNodes ?? 200_000);
  return bb.choice ? finish(bb.nu, bb.choice, bb.nodes, bb.optimal) : infeasible(bb.nodes);
}
