/**
 * The measured quantities of Theorem 2, Lemma 2 and Theorem 5 on the NTK pair: gradients w̄ = ∇ₓf(x), the
 * proof's linearised SCFE step, Δ_K by Lanczos, kernel rows and scores of the counterfactuals (Float64).
 */
import type { Split } from '../../data/types';
import { crossKernel } from '../../models/ntk/kernel';
import type { NtkModel } from '../../models/ntk/model';
import type { Lemma2Row, Theorem2Row, Theorem5Row } from '../../theory/index';
import { symmetricSpectralNorm } from '../../util/spectral';
import { norm2, row, type Matrix } from '../../util/matrix';

/** The proof's linearised SCFE step at x: (s − f(x))/(λ + ‖w̄‖²)·w̄ with w̄ = ∇ₓf(x). */
export function linearisedZeta(model: NtkModel, x: ArrayLike<number>, s: number, lambda: number): Float64Array {
  const g = model.gradient(x);
  const k = (s - model.score(x)) / (lambda + norm2(g) ** 2);
  return g.map((v) => k * v);
}

/** ‖ζ‖₂ of the linearised step per factual. */
export function linearisedCosts(model: NtkModel, x: Matrix, s: number, lambda: number): number[] {
  return Array.from({ length: x.rows }, (_, i) => norm2(linearisedZeta(model, row(x, i), s, lambda)));
}

/**
 * Δ_K = ‖(K + βI)⁻¹ − (K_R + βI)⁻¹‖₂: the difference is symmetric, so Δ_K = max |eigenvalue|, found by
 * Lanczos on v ↦ A⁻¹v − B⁻¹v (two Cholesky solves per step; no inverse is formed).
 */
export function deltaK(nr: NtkModel, r: NtkModel): number {
  return symmetricSpectralNorm((v) => {
    const a = nr.solve(v);
    const b = r.solve(v);
    for (let i = 0; i < a.length; i++) a[i] -= b[i];
    return a;
  }, nr.w.length);
}

/** ‖w_NR − w_R‖₂ of the NTK weights. */
export function ntkWeightGap(nr: NtkModel, r: NtkModel): number {
  return norm2(Float64Array.from(nr.w, (v, i) => v - r.w[i]));
}

/** Lemma 2's one row per pair: the weight gap, Δ_K and ‖Y‖. */
export function lemma2Row(nr: NtkModel, r: NtkModel, dK = deltaK(nr, r)): Lemma2Row {
  return { weightGap: ntkWeightGap(nr, r), deltaK: dK, yNorm: norm2(nr.Y) };
}

/** Theorem 2 rows: both models' costs and found flags, and the gradient norms at each factual. */
export function theorem2Rows(
  nr: NtkModel,
  r: NtkModel,
  x: Matrix,
  c: {
    costNR: ArrayLike<number>;
    costR: ArrayLike<number>;
    foundNR?: readonly boolean[];
    foundR?: readonly boolean[];
  },
): Theorem2Row[] {
  return Array.from({ length: x.rows }, (_, i) => ({
    costNR: c.costNR[i],
    costR: c.costR[i],
    foundNR: c.foundNR?.[i] ?? true,
    foundR: c.foundR?.[i] ?? true,
    gradNormNR: norm2(nr.gradient(row(x, i))),
    gradNormR: norm2(r.gradient(row(x, i))),
  }));
}

/** Theorem 5 rows: kernel rows of both counterfactuals and the scores f_NR(x′_NR), f_R(x′_R). */
export function theorem5Rows(nr: NtkModel, r: NtkModel, cfNR: Matrix, cfR: Matrix, foundNR: readonly boolean[], foundR: readonly boolean[]): Theorem5Row[] {
  return Array.from({ length: cfNR.rows }, (_, i) => {
    const kR = crossKernel(row(cfR, i), r.X);
    const kNR = crossKernel(row(cfNR, i), nr.X);
    let gap = 0;
    let fNR = 0;
    let fR = 0;
    for (let j = 0; j < kR.length; j++) {
      gap += (kR[j] - kNR[j]) * nr.w[j];
      fNR += kNR[j] * nr.w[j];
      fR += kR[j] * r.w[j];
    }
    return { kernelGapDotW: gap, kernelRowNorm: norm2(kR), fNR, fR, foundNR: foundNR[i], foundR: foundR[i] };
  });
}

/** Test accuracy and positive rate of an NTK model by its Float64 score. */
export function ntkAccuracy(m: NtkModel, test: Split): { accuracy: number; positiveRate: number } {
  let correct = 0;
  let positive = 0;
  for (let i = 0; i < test.x.rows; i++) {
    const p = m.score(row(test.x, i)) > 0;
    if ((p ? 1 : 0) === test.y[i]) correct++;
    if (p) positive++;
  }
  return { accuracy: correct / test.x.rows, positiveRate: positive / test.x.rows };
}
