/**
 * Theorem 1: |‖ζ_R‖ − ‖ζ_NR‖| ≤ λ(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ)) for SCFE on linear models. Variant
 * `bound: 'corrected'` is our corrected form for the true minimiser ζ = m/(λ + ‖w‖²)·w (m = s − h(x)):
 * since ‖ζ‖ ≤ |m|/‖w‖ and ‖w_R‖ ≥ ‖w_NR‖ − Δ > 0, the factor λ becomes max(|m_NR|, |m_R|).
 */
import { theorem1Bound } from './bounds';
import { costDifferenceChecks, type CostPair } from './cost-diff';
import type { StatementInput, StatementResult } from './statement';
import { RecourseError } from '../util/errors';

export interface Theorem1Row extends CostPair {
  /** Δ for this instance (Lemma 1's, or the measured weight gap). */
  readonly delta: number;
  /** Target residuals s − h(x) at the factual; needed by the corrected bound. */
  readonly residualNR?: number;
  readonly residualR?: number;
}

export interface Theorem1Params {
  readonly lambda: number;
  /** ‖w_NR‖₂. */
  readonly wNrNorm: number;
}

const DENOMINATOR = "‖w_NR‖ − Δ ≤ 0: the bound's denominator is not positive";

/** The factor in front of the bound: λ (paper) or the largest target residual (corrected). */
function factor(row: Theorem1Row, lambda: number, corrected: boolean): number {
  if (!corrected) return lambda;
  if (row.residualNR === undefined || row.residualR === undefined) {
    throw new RecourseError('the corrected Theorem 1 bound needs the target residuals residualNR and residualR of every row');
  }
  return Math.max(Math.abs(row.residualNR), Math.abs(row.residualR));
}

/** Theorem 1 per instance: |‖ζ_R‖ − ‖ζ_NR‖| against the paper's or the corrected bound. */
export function checkTheorem1(input: StatementInput<Theorem1Row, Theorem1Params>): StatementResult {
  const { lambda, wNrNorm } = input.params;
  const corrected = input.variant.bound === 'corrected';
  const checks = costDifferenceChecks(input.rows, (row) => {
    const bound = theorem1Bound(factor(row, lambda, corrected), wNrNorm, row.delta);
    return { bound, vacuous: Number.isNaN(bound) ? DENOMINATOR : null };
  });
  const deltas = input.rows.map((r) => r.delta);
  return {
    name: 'theorem1',
    variant: input.variant,
    description: corrected
      ? '|‖ζ_R‖ − ‖ζ_NR‖| versus max|s − h(x)|·(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ)) (λ replaced by the residual)'
      : '|‖ζ_R‖ − ‖ζ_NR‖| versus λ(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ))',
    checks,
    notes: [
      `λ = ${lambda}, ‖w_NR‖₂ = ${wNrNorm.toPrecision(4)}, Δ from ${Math.min(...deltas).toPrecision(4)} to ${Math.max(...deltas).toPrecision(4)}`,
      ...(input.notes ?? []),
    ],
  };
}
