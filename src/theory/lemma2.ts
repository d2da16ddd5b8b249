/**
 * Lemma 2: ‖w_NR − w_R‖₂ ≤ Δ_K‖Y‖₂ with Δ_K = ‖(K∞(X,X) + βI)⁻¹ − (K∞(X_R,X_R) + βI)⁻¹‖₂, one check per
 * model pair. It is the operator-norm definition, so it cannot fail unless the measurement is wrong.
 */
import { lemma2Bound } from './bounds';
import type { StatementInput, StatementResult } from './statement';
import { checkRow } from './verdict';

/** One instance of Lemma 2: the measured NTK weight gap and its bound. */
export interface Lemma2Row {
  readonly weightGap: number;
  readonly deltaK: number;
  readonly yNorm: number;
}

export interface Lemma2Params {
  /** The ridge β of K + βI (Δ_K ≤ 1/β always). */
  readonly beta: number;
}

/** Lemma 2 for one model pair: ‖w_NR − w_R‖₂ against Δ_K‖Y‖₂. */
export function checkLemma2(input: StatementInput<Lemma2Row, Lemma2Params>): StatementResult {
  const { beta } = input.params;
  return {
    name: 'lemma2',
    variant: input.variant,
    description: '‖w_NR − w_R‖₂ versus Δ_K‖Y‖₂ (one check per model pair)',
    checks: input.rows.map((r, i) => checkRow(i, r.weightGap, lemma2Bound(r.deltaK, r.yNorm))),
    notes: [
      ...input.rows.map((r) => `Δ_K = ${r.deltaK.toPrecision(4)}, ‖Y‖₂ = ${r.yNorm.toPrecision(4)}, ‖w_NR − w_R‖₂ = ${r.weightGap.toPrecision(4)}`),
      `β = ${beta}: Δ_K ≤ 1/β = ${(1 / beta).toPrecision(3)} always (both inverses are PSD with eigenvalues in (0, 1/β])`,
      ...(input.notes ?? []),
    ],
  };
}
