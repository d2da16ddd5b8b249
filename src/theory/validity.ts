/**
 * Theorems 4 and 5 measured as implications "condition ⇒ P(f_NR(x′_NR) = 1) ≥ P(f_R(x′_R) = 1)", with
 * P = sigmoid of the score as in the proofs (so the conclusion is f_NR(x′_NR) ≥ f_R(x′_R)). Per instance:
 * holds (condition and conclusion), violated (condition without conclusion: a counterexample) or vacuous
 * (no condition, the theorem claims nothing); plus the counts of each side.
 */
import { norm2, row, type Matrix } from '../util/matrix';
import { theorem4Rhs, theorem5Rhs } from './bounds';
import { crossKernel } from '../models/ntk/kernel';
import type { NtkModel } from '../models/ntk/model';
import { implicationChecks, type StatementResult } from './verdict';

/** A linear score wᵀx + b (our LR models have a bias; the paper's proof drops it). */
export interface LinearScore {
  readonly w: ArrayLike<number>;
  readonly b: number;
}

export function linearScore(m: LinearScore, x: ArrayLike<number>): number {
  let s = m.b;
  for (let j = 0; j < x.length; j++) s += m.w[j] * x[j];
  return s;
}

export interface Theorem4Input {
  readonly nr: LinearScore;
  readonly r: LinearScore;
  /** Counterfactuals of the non-robust and robust model, row i for factual i. */
  readonly cfNR: Matrix;
  readonly cfR: Matrix;
  /** Lemma 1's Δ per factual. */
  readonly deltas: readonly number[];
  readonly variant: string;
  readonly notes?: readonly string[];
}

export function checkTheorem4(o: Theorem4Input): StatementResult {
  const rows = o.deltas.map((delta, i) => {
    const xNR = row(o.cfNR, i);
    const xR = row(o.cfR, i);
    return {
      index: i,
      lhs: Math.abs(linearScore(o.nr, xR) - linearScore(o.nr, xNR)),
      rhs: theorem4Rhs(delta, norm2(xR)),
      conclusion: linearScore(o.nr, xNR) >= linearScore(o.r, xR),
    };
  });
  const { checks, counts } = implicationChecks(rows);
  return {
    name: 'theorem4', variant: o.variant,
    description: 'condition |f_NR(x′_R) − f_NR(x′_NR)| ≤ Δ‖x′_R‖₂ ⇒ P(f_NR(x′_NR)=1) ≥ P(f_R(x′_R)=1)',
    checks, implication: counts, notes: [...(o.notes ?? [])],
  };
}

export interface Theorem5Input {
  readonly nr: NtkModel;
  readonly r: NtkModel;
  readonly cfNR: Matrix;
  readonly cfR: Matrix;
  readonly deltaK: number;
  readonly variant: string;
  readonly notes?: readonly string[];
}

export function checkTheorem5(o: Theorem5Input): StatementResult {
  const yNorm = norm2(o.nr.Y);
  const rows = Array.from({ length: o.cfNR.rows }, (_, i) => {
    const kR = crossKernel(row(o.cfR, i), o.r.X);
    const kNR = crossKernel(row(o.cfNR, i), o.nr.X);
    let lhs = 0;
    let fNR = 0;
    let fR = 0;
    for (let j = 0; j < kR.length; j++) {
      lhs += (kR[j] - kNR[j]) * o.nr.w[j];
      fNR += kNR[j] * o.nr.w[j];
      fR += kR[j] * o.r.w[j];
    }
    return { index: i, lhs: Math.abs(lhs), rhs: theorem5Rhs(norm2(kR), o.deltaK, yNorm), conclusion: fNR >= fR };
  });
  const { checks, counts } = implicationChecks(rows);
  return {
    name: 'theorem5', variant: o.variant,
    description: 'condition ‖(K∞(x′_R, X_R) − K∞(x′_NR, X))ᵀw_NR‖ ≤ ‖K∞(x′_R, X_R)‖Δ_K‖Y‖₂ ⇒ P(f_NR(x′_NR)=1) ≥ P(f_R(x′_R)=1)',
    checks, implication: counts, notes: [...(o.notes ?? [])],
  };
}
