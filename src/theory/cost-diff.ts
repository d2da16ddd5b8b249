/**
 * The left side shared by Theorems 1–3: the cost difference ‖ζ_NR‖₂ − ‖ζ_R‖₂ of the recourses for the
 * same factual under the two models (ζ = x′ − x).
 */
import { row, type Matrix } from '../util/matrix';
import { norm64 } from './linalg';
import { checkRow, type InstanceCheck } from './verdict';

/** Recourse displacements ζ for one model, one row per factual. */
export type Zetas = readonly ArrayLike<number>[];

/** ζᵢ = x′ᵢ − xᵢ for every row. */
export function displacements(counterfactuals: Matrix, factuals: Matrix): Float64Array[] {
  return Array.from({ length: factuals.rows }, (_, i) => {
    const a = row(counterfactuals, i);
    const x = row(factuals, i);
    return Float64Array.from(a, (v, j) => v - x[j]);
  });
}

/** ‖ζ_NR,i‖ − ‖ζ_R,i‖ per factual. */
export function signedCostDifference(nr: Zetas, r: Zetas): number[] {
  return nr.map((z, i) => norm64(z) - norm64(r[i]));
}

/**
 * One check row per factual for "|‖ζ_NR‖ − ‖ζ_R‖| ≤ bound": `boundOf(i)` gives the bound and, when the
 * statement says nothing for that instance, the reason.
 */
export function costDifferenceChecks(nr: Zetas, r: Zetas, boundOf: (i: number) => { bound: number; vacuous?: string | null }): InstanceCheck[] {
  return signedCostDifference(nr, r).map((s, i) => {
    const b = boundOf(i);
    return checkRow(i, Math.abs(s), b.bound, { signed: s, vacuousReason: b.vacuous ?? null });
  });
}
