/**
 * Lemma 2 measured: ‖w_NR − w_R‖₂ against Δ_K‖Y‖₂ with
 * Δ_K = ‖(K∞(X,X) + βI)⁻¹ − (K∞(X_R,X_R) + βI)⁻¹‖₂ (spectral norm). The difference of inverses is
 * symmetric, so Δ_K = max |eigenvalue|, found by Lanczos on v ↦ A⁻¹v − B⁻¹v (two Cholesky solves per
 * step; no inverse is formed). The inequality is the operator-norm definition, so it cannot fail unless
 * our code is wrong.
 */
import { norm2 } from '../util/matrix';
import { symmetricSpectralNorm } from '../util/linalg';
import { lemma2Bound } from './bounds';
import type { NtkModel } from '../models/ntk/model';
import { checkRow, type StatementResult } from './verdict';

/** Δ_K for two fitted NTK models on the same labels. */
export function deltaK(nr: NtkModel, r: NtkModel): number {
  return symmetricSpectralNorm((v) => {
    const a = nr.solve(v);
    const b = r.solve(v);
    for (let i = 0; i < a.length; i++) a[i] -= b[i];
    return a;
  }, nr.w.length);
}

/** ‖w_NR − w_R‖₂. */
export function ntkWeightGap(nr: NtkModel, r: NtkModel): number {
  return norm2(Float64Array.from(nr.w, (v, i) => v - r.w[i]));
}

export function checkLemma2(nr: NtkModel, r: NtkModel, dK = deltaK(nr, r)): StatementResult {
  const gap = ntkWeightGap(nr, r);
  const yNorm = norm2(nr.Y);
  return {
    name: 'lemma2',
    variant: 'spectral',
    description: '‖w_NR − w_R‖₂ versus Δ_K‖Y‖₂ (one check per model pair)',
    checks: [checkRow(0, gap, lemma2Bound(dK, yNorm))],
    notes: [
      `Δ_K = ${dK.toPrecision(4)}, ‖Y‖₂ = ${yNorm.toPrecision(4)} (n = ${nr.w.length}, labels ±1), β = ${nr.beta}`,
      `‖w_NR‖₂ = ${norm2(nr.w).toPrecision(4)}, ‖w_R‖₂ = ${norm2(r.w).toPrecision(4)}, ‖w_NR − w_R‖₂ = ${gap.toPrecision(4)}`,
      `Δ_K ≤ 1/β = ${(1 / nr.beta).toPrecision(3)} always (both inverses are PSD with eigenvalues in (0, 1/β])`,
    ],
  };
}
