/**
 * The search-budget factor: validity, cost and cost difference when a method may spend at most B iterations
 * per factual (SCFE and ROAR: optimiser steps; Growing Spheres and C-CHVAE: shells). Every method here stops a
 * row at its first valid iterate, so a search capped at B returns exactly the rows the full search found
 * within B iterations, with the same counterfactuals: the capped run is read off the full one's iteration
 * counts instead of being run again. (ROAR stops on convergence; its capped reading counts rows whose search
 * had ended valid within B steps.) The exact LR method does not search; its iterations are 0.
 */
import { costDifference } from '../metrics/cost';
import { mean } from '../util/matrix';
import type { RecourseMeasurements } from './recourse-run';

/** The budgets reported beside the full search, in iterations per factual. */
export const BUDGETS = [10, 30, 100] as const;
export type Budget = (typeof BUDGETS)[number];

type BudgetColumn = `${'validity' | 'cost' | 'costDiff'}At${Budget}`;

/** True when row i of a unit has a valid recourse within `budget` iterations (already-positive rows need none). */
export const validWithin = (m: RecourseMeasurements, i: number, budget: number): boolean => m.found[i] && (m.alreadyPositive[i] || m.iterations[i] <= budget);

/** Validity, mean cost over valid needed recourses, and the paired cost difference at one budget. */
export function atBudget(m: RecourseMeasurements, ref: RecourseMeasurements, budget: number): { validity: number; cost: number; costDiff: number } {
  const n = m.indices.length;
  const inRef = new Map(ref.indices.map((t, j) => [t, j]));
  let valid = 0;
  const costs: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!validWithin(m, i, budget)) continue;
    valid++;
    if (m.alreadyPositive[i]) continue;
    costs.push(m.l2[i]);
    const j = inRef.get(m.indices[i]);
    if (j !== undefined && !ref.alreadyPositive[j] && validWithin(ref, j, budget)) diffs.push(costDifference(m.l2[i], ref.l2[j]));
  }
  return { validity: n ? valid / n : NaN, cost: mean(costs), costDiff: mean(diffs) };
}

/** The budget columns of a results row. */
export function budgetColumns(m: RecourseMeasurements, ref: RecourseMeasurements): Record<BudgetColumn, number> {
  const out = {} as Record<BudgetColumn, number>;
  for (const b of BUDGETS) {
    const r = atBudget(m, ref, b);
    out[`validityAt${b}`] = r.validity;
    out[`costAt${b}`] = r.cost;
    out[`costDiffAt${b}`] = r.costDiff;
  }
  return out;
}
