import { check } from '../util/errors';
import type { Matrix } from '../util/matrix';

/** Per-factual distances between a factual and its counterfactual, on the [0,1]-scaled features. */
export interface RecourseCosts {
  /** ‖x′ − x‖₂: the paper's cost (not CARLA's squared "L2"). */
  readonly l2: Float64Array;
  readonly l1: Float64Array;
  readonly linf: Float64Array;
  /** Number of features changed by more than the tolerance (CARLA: 1e-5). */
  readonly l0: Float64Array;
}

/** ℓ2, ℓ1, ℓ∞ and ℓ0 cost of every row. */
export function recourseCosts(factuals: Matrix, counterfactuals: Matrix, l0Tolerance = 1e-5): RecourseCosts {
  check(
    factuals.rows === counterfactuals.rows && factuals.cols === counterfactuals.cols,
    `factuals are ${factuals.rows}×${factuals.cols} but counterfactuals ${counterfactuals.rows}×${counterfactuals.cols}; pass the rows of one call`,
  );
  const { rows, cols } = factuals;
  const out = { l2: new Float64Array(rows), l1: new Float64Array(rows), linf: new Float64Array(rows), l0: new Float64Array(rows) };
  for (let i = 0; i < rows; i++) {
    let s2 = 0;
    for (let j = 0; j < cols; j++) {
      const a = Math.abs(counterfactuals.data[i * cols + j] - factuals.data[i * cols + j]);
      s2 += a * a;
      out.l1[i] += a;
      if (a > out.linf[i]) out.linf[i] = a;
      if (a > l0Tolerance) out.l0[i]++;
    }
    out.l2[i] = Math.sqrt(s2);
  }
  return out;
}

/**
 * The cost difference of the recourses for one factual under a robust and a non-robust model, signed as
 * everywhere in the project (results tables, figures, verdicts, the theorems): ‖ζ_R‖ − ‖ζ_NR‖, robust minus
 * non-robust. The one definition; the theory checks bound its absolute value.
 */
export function costDifference(costR: number, costNR: number): number {
  return costR - costNR;
}
