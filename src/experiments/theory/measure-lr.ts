/**
 * The measured quantities of Lemma 1 and Theorems 1 and 4 on the LR pair: per-instance norms, Δ, closed-form
 * SCFE costs, target residuals and scores of the counterfactuals.
 */
import { linearScore, scfeClosedForm, scfeClosedFormPaper } from '../../recourse/exact/linear';
import type { Lemma1Row, Theorem1Row, Theorem4Row } from '../../theory/index';
import { lemma1Delta } from '../../theory/bounds';
import { norm2, row, type Matrix } from '../../util/matrix';
import type { LrPairWeights } from './lr-pair';

/** ‖w_NR − w_R‖₂. */
export function weightGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return Math.sqrt(s);
}

/** ‖x‖₂ of every row. */
export function rowNorms(x: Matrix): number[] {
  return Array.from({ length: x.rows }, (_, i) => norm2(row(x, i)));
}

/** Lemma 1's Δ per factual for N·η, under the ℓ∞ reading (the proof's) or the text's ℓ2 reading. */
export function lemma1Deltas(nEta: number, eps: number, x: Matrix, ball: 'linf' | 'l2' = 'linf'): number[] {
  return rowNorms(x).map((n) => lemma1Delta(nEta, n, eps, x.cols, ball));
}

/** Lemma 1's per-instance rows: the weight gap and each factual's norm. */
export function lemma1Rows(w: LrPairWeights, x: Matrix): Lemma1Row[] {
  const gap = weightGap(w.wNR, w.wR);
  return rowNorms(x).map((xNorm) => ({ weightGap: gap, xNorm }));
}

/** ‖ζ‖₂ of the closed-form SCFE recourse per factual: the true minimiser, or Definition 1 as printed. */
export function closedFormCosts(w: ArrayLike<number>, b: number, x: Matrix, s: number, lambda: number, form: 'closed-form' | 'paper-def1'): number[] {
  const f = form === 'paper-def1' ? scfeClosedFormPaper : scfeClosedForm;
  return Array.from({ length: x.rows }, (_, i) => norm2(f(w, b, row(x, i), s, lambda)));
}

/** Target residuals s − (wᵀx + b) per factual (the m the proof drops). */
export function targetResiduals(w: ArrayLike<number>, b: number, x: Matrix, s: number): number[] {
  return Array.from({ length: x.rows }, (_, i) => s - linearScore(w, b, row(x, i)));
}

/** Theorem 1 rows from both models' costs and found flags, Δ per factual, and optionally the residuals. */
export function theorem1Rows(o: {
  costNR: ArrayLike<number>;
  costR: ArrayLike<number>;
  deltas: readonly number[];
  foundNR?: readonly boolean[];
  foundR?: readonly boolean[];
  residualNR?: readonly number[];
  residualR?: readonly number[];
}): Theorem1Row[] {
  return o.deltas.map((delta, i) => ({
    costNR: o.costNR[i],
    costR: o.costR[i],
    delta,
    foundNR: o.foundNR?.[i] ?? true,
    foundR: o.foundR?.[i] ?? true,
    ...(o.residualNR && o.residualR ? { residualNR: o.residualNR[i], residualR: o.residualR[i] } : {}),
  }));
}

/** Theorem 4 rows: scores of both counterfactuals under both models, Δ and ‖x′_R‖. */
export function theorem4Rows(
  w: LrPairWeights,
  cfNR: Matrix,
  cfR: Matrix,
  deltas: readonly number[],
  foundNR: readonly boolean[],
  foundR: readonly boolean[],
): Theorem4Row[] {
  return deltas.map((delta, i) => {
    const xNR = row(cfNR, i);
    const xR = row(cfR, i);
    return {
      fNRatXR: linearScore(w.wNR, w.bNR, xR),
      fNRatXNR: linearScore(w.wNR, w.bNR, xNR),
      fRatXR: linearScore(w.wR, w.bR, xR),
      delta,
      xRNorm: norm2(xR),
      foundNR: foundNR[i],
      foundR: foundR[i],
    };
  });
}
