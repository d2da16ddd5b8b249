/**
 * Theorem 5 as an implication per instance: if ‖(K∞(x′_R, X_R) − K∞(x′_NR, X))ᵀw_NR‖ ≤
 * ‖K∞(x′_R, X_R)‖Δ_K‖Y‖₂ then P(f_NR(x′_NR) = 1) ≥ P(f_R(x′_R) = 1), i.e. f_NR(x′_NR) ≥ f_R(x′_R).
 * Vacuous without the condition or where either search found no recourse.
 */
import { theorem5Rhs } from './bounds';
import { missingRecourse } from './cost-diff';
import type { StatementInput, StatementResult } from './statement';
import { implicationChecks } from './verdict';

/** One instance of Theorem 5: the NTK scores at the two recourses and the bound. */
export interface Theorem5Row {
  /** (K∞(x′_R, X_R) − K∞(x′_NR, X))ᵀw_NR (a scalar). */
  readonly kernelGapDotW: number;
  /** ‖K∞(x′_R, X_R)‖₂. */
  readonly kernelRowNorm: number;
  /** f_NR(x′_NR) and f_R(x′_R). */
  readonly fNR: number;
  readonly fR: number;
  readonly foundNR: boolean;
  readonly foundR: boolean;
}

export interface Theorem5Params {
  /** Δ_K of Lemma 2 and ‖Y‖₂. */
  readonly deltaK: number;
  readonly yNorm: number;
}

/** Theorem 5 per instance as an implication: condition ⇒ conclusion, or vacuous. */
export function checkTheorem5(input: StatementInput<Theorem5Row, Theorem5Params>): StatementResult {
  const { deltaK, yNorm } = input.params;
  const { checks, counts } = implicationChecks(
    input.rows.map((r) => ({
      lhs: Math.abs(r.kernelGapDotW),
      rhs: theorem5Rhs(r.kernelRowNorm, deltaK, yNorm),
      conclusion: r.fNR >= r.fR,
      vacuousReason: missingRecourse(r),
    })),
  );
  return {
    name: 'theorem5',
    variant: input.variant,
    description: 'condition ‖(K∞(x′_R, X_R) − K∞(x′_NR, X))ᵀw_NR‖ ≤ ‖K∞(x′_R, X_R)‖Δ_K‖Y‖₂ ⇒ P(f_NR(x′_NR)=1) ≥ P(f_R(x′_R)=1)',
    checks,
    implication: counts,
    notes: [...(input.notes ?? [])],
  };
}
