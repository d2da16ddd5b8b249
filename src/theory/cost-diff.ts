/**
 * The left side shared by Theorems 1–3: the cost difference ‖ζ_NR‖₂ − ‖ζ_R‖₂ of the recourses for the
 * same factual under the two models (ζ = x′ − x).
 */
import { row, type Matrix } from '../util/matrix';
import { norm2 } from '../util/matrix';
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
  return nr.map((z, i) => norm2(z) - norm2(r[i]));
}

/** Which factuals got a valid recourse from each model's search (for searches that can fail). */
export interface Found {
  readonly nr: readonly boolean[];
  readonly r: readonly boolean[];
}

/**
 * One check row per factual for "|‖ζ_NR‖ − ‖ζ_R‖| ≤ bound": `boundOf(i)` gives the bound and, when the
 * statement says nothing for that instance, the reason. With `found`, an instance where either search
 * returned no valid recourse is vacuous: the theorems compare recourses, not failed searches.
 */
export function costDifferenceChecks(nr: Zetas, r: Zetas, boundOf: (i: number) => { bound: number; vacuous?: string | null }, found?: Found): InstanceCheck[] {
  return signedCostDifference(nr, r).map((s, i) => {
    const b = boundOf(i);
    const missing = found && !(found.nr[i] && found.r[i])
      ? `no valid recourse from the search for the ${found.nr[i] ? 'robust' : found.r[i] ? 'non-robust' : 'non-robust and the robust'} model`
      : null;
    return checkRow(i, Math.abs(s), b.bound, { signed: s, vacuousReason: missing ?? b.vacuous ?? null });
  });
}
