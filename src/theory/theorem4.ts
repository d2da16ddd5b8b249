/**
 * Theorem 4 as an implication per instance: if |f_NR(x′_R) − f_NR(x′_NR)| ≤ Δ‖x′_R‖₂ then
 * P(f_NR(x′_NR) = 1) ≥ P(f_R(x′_R) = 1), with P = sigmoid of the score as in the proof (so the conclusion
 * is f_NR(x′_NR) ≥ f_R(x′_R)). Holds (condition and conclusion), violated (a counterexample) or vacuous
 * (no condition, or either search found no recourse).
 */
import { theorem4Rhs } from './bounds';
import { missingRecourse } from './cost-diff';
import type { NoParams, StatementInput, StatementResult } from './statement';
import { implicationChecks } from './verdict';

/** One instance of Theorem 4: the scores of the two models at the two recourses and the bound. */
export interface Theorem4Row {
  /** Scores f_NR(x′_R), f_NR(x′_NR) and f_R(x′_R). */
  readonly fNRatXR: number;
  readonly fNRatXNR: number;
  readonly fRatXR: number;
  /** Δ for this instance. */
  readonly delta: number;
  /** ‖x′_R‖₂. */
  readonly xRNorm: number;
  readonly foundNR: boolean;
  readonly foundR: boolean;
}

/** Theorem 4 per instance as an implication: condition ⇒ conclusion, or vacuous. */
export function checkTheorem4(input: StatementInput<Theorem4Row, NoParams>): StatementResult {
  const { checks, counts } = implicationChecks(
    input.rows.map((r) => ({
      lhs: Math.abs(r.fNRatXR - r.fNRatXNR),
      rhs: theorem4Rhs(r.delta, r.xRNorm),
      conclusion: r.fNRatXNR >= r.fRatXR,
      vacuousReason: missingRecourse(r),
    })),
  );
  return {
    name: 'theorem4',
    variant: input.variant,
    description: 'condition |f_NR(x′_R) − f_NR(x′_NR)| ≤ Δ‖x′_R‖₂ ⇒ P(f_NR(x′_NR)=1) ≥ P(f_R(x′_R)=1)',
    checks,
    implication: counts,
    notes: [...(input.notes ?? [])],
  };
}
