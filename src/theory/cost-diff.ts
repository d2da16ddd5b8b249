/**
 * The left side shared by Theorems 1–3: the cost difference of the two recourses for the same factual,
 * ‖ζ_R‖₂ − ‖ζ_NR‖₂ (metrics/cost.ts, the project's one definition); the bounds are on its absolute value.
 */
import { costDifference } from '../metrics/cost';
import type { InstanceCheck } from './statement';
import { checkRow } from './verdict';

/** Recourse costs ‖ζ‖₂ of one factual under both models, and whether each search returned a valid recourse. */
export interface CostPair {
  readonly costNR: number;
  readonly costR: number;
  readonly foundNR: boolean;
  readonly foundR: boolean;
}

/** Why an instance is vacuous when a search found no recourse (null when both did). */
export function missingRecourse(row: Pick<CostPair, 'foundNR' | 'foundR'>): string | null {
  if (row.foundNR && row.foundR) return null;
  const which = !row.foundNR && !row.foundR ? 'the non-robust and the robust' : !row.foundNR ? 'the non-robust' : 'the robust';
  return `no valid recourse from the search for ${which} model`;
}

/**
 * One check per row of "|‖ζ_R‖ − ‖ζ_NR‖| ≤ bound". `boundOf` gives the bound and, when the statement says
 * nothing for that row, the reason; a row where either search failed is vacuous (the theorems compare recourses).
 */
export function costDifferenceChecks<Row extends CostPair>(
  rows: readonly Row[],
  boundOf: (row: Row) => { bound: number; vacuous?: string | null },
): InstanceCheck[] {
  return rows.map((row, i) => {
    const s = costDifference(row.costR, row.costNR);
    const b = boundOf(row);
    return checkRow(i, Math.abs(s), b.bound, { signed: s, vacuousReason: missingRecourse(row) ?? b.vacuous ?? null });
  });
}
