/**
 * Theorem 2: |‖ζ_R‖ − ‖ζ_NR‖| ≤ 2/H(‖w̄_NR‖, ‖w̄_R‖) = 1/‖w̄_NR‖ + 1/‖w̄_R‖ for SCFE on NTK models, with
 * w̄ = ∇ₓf(x) of each model at the factual.
 */
import { theorem2Bound } from './bounds';
import { costDifferenceChecks, type CostPair } from './cost-diff';
import type { NoParams, StatementInput, StatementResult } from './statement';

export interface Theorem2Row extends CostPair {
  /** ‖∇ₓf_NR(x)‖₂ and ‖∇ₓf_R(x)‖₂ at the factual. */
  readonly gradNormNR: number;
  readonly gradNormR: number;
}

/** Theorem 2 per instance: |‖ζ_R‖ − ‖ζ_NR‖| against 2/H(‖w̄_NR‖, ‖w̄_R‖). */
export function checkTheorem2(input: StatementInput<Theorem2Row, NoParams>): StatementResult {
  const checks = costDifferenceChecks(input.rows, (row) => {
    const bound = theorem2Bound(row.gradNormNR, row.gradNormR);
    return { bound, vacuous: Number.isNaN(bound) ? 'a model gradient w̄ is zero at x' : null };
  });
  return {
    name: 'theorem2',
    variant: input.variant,
    description: '|‖ζ_R‖ − ‖ζ_NR‖| versus 2/H(‖w̄_NR‖, ‖w̄_R‖)',
    checks,
    notes: [...(input.notes ?? [])],
  };
}
