/**
 * The right-hand sides of Section 4, as plain formulas on numbers (hand-checkable; see
 * test/theory-bounds.test.ts). Each returns NaN when the formula is undefined (vacuous).
 */

/**
 * Lemma 1: Δ = Nη(|y|‖x‖₂ + ε√d) for the ℓ∞ ball of the proof (‖ε·sign(w)‖₂ = ε√d); `ball` 'l2' gives the
 * text's ℓ2 reading, where the adversarial gradient term is ε·w/‖w‖₂ of norm ε. |y| = 1 for labels ±1.
 */
export function lemma1Delta(nEta: number, xNorm: number, eps: number, d: number, ball: 'linf' | 'l2' = 'linf'): number {
  return nEta * (xNorm + eps * (ball === 'linf' ? Math.sqrt(d) : 1));
}

/**
 * Theorem 1: λ(2‖w_NR‖ + Δ) / (‖w_NR‖(‖w_NR‖ − Δ)); NaN (vacuous) when ‖w_NR‖ − Δ ≤ 0, where the proof's
 * step ‖w_R‖ ≥ ‖w_NR‖ − Δ > 0 no longer gives a positive lower bound on ‖w_R‖.
 */
export function theorem1Bound(lambda: number, wNrNorm: number, delta: number): number {
  const gap = wNrNorm - delta;
  if (!(gap > 0) || !(wNrNorm > 0)) return NaN;
  return (lambda * (2 * wNrNorm + delta)) / (wNrNorm * gap);
}

/** Harmonic mean H(a, b) = 2ab/(a + b) (0 when either is 0). */
export function harmonicMean(a: number, b: number): number {
  return a > 0 && b > 0 ? (2 * a * b) / (a + b) : 0;
}

/** Theorem 2: 2/H(‖w̄_NR‖, ‖w̄_R‖) = 1/‖w̄_NR‖ + 1/‖w̄_R‖; NaN when a gradient is 0. */
export function theorem2Bound(gradNrNorm: number, gradRNorm: number): number {
  const h = harmonicMean(gradNrNorm, gradRNorm);
  return h > 0 ? 2 / h : NaN;
}

/** Theorem 3: L_G(r_R + r_NR). */
export function theorem3Bound(lipschitz: number, radiusR: number, radiusNr: number): number {
  return lipschitz * (radiusR + radiusNr);
}

/** Lemma 2: Δ_K‖Y‖₂. */
export function lemma2Bound(deltaK: number, yNorm: number): number {
  return deltaK * yNorm;
}

/** Theorem 4's condition right side: Δ‖x′_R‖₂. */
export function theorem4Rhs(delta: number, xRNorm: number): number {
  return delta * xRNorm;
}

/** Theorem 5's condition right side: ‖K∞(x′_R, X_R)‖₂ Δ_K ‖Y‖₂. */
export function theorem5Rhs(kernelRowNorm: number, deltaK: number, yNorm: number): number {
  return kernelRowNorm * deltaK * yNorm;
}
