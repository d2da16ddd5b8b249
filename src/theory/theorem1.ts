/**
 * Theorem 1 measured: |‖ζ_NR‖ − ‖ζ_R‖| of SCFE recourses on the LR pair against
 * λ(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ)). The ζ come from one of three sources, reported separately:
 * our SCFE optimiser, the paper's Definition 1 as printed (with its extra factor λ), and the correct
 * closed-form minimiser (s − h(x))/(λ + ‖w‖²)·w. Δ is Lemma 1's (per instance) or, as the tightest value
 * the proof could use, the measured ‖w_NR − w_R‖.
 */
import { scfeClosedForm, scfeClosedFormPaper } from '../recourse/exact/linear';
import { row, type Matrix } from '../util/matrix';
import { norm2 } from '../util/matrix';
import { theorem1Bound } from './bounds';
import { costDifferenceChecks, type Found, type Zetas } from './cost-diff';
import type { StatementResult } from './verdict';

/** Closed-form ζ for every factual: the true minimiser, or Definition 1 as printed (`paper`). */
export function closedFormZetas(w: ArrayLike<number>, b: number, factuals: Matrix, s: number, lambda: number, paper: boolean): Float64Array[] {
  const f = paper ? scfeClosedFormPaper : scfeClosedForm;
  return Array.from({ length: factuals.rows }, (_, i) => f(w, b, row(factuals, i), s, lambda));
}

/** Target residuals s − (wᵀx + b) per factual (the m the proof drops). */
export function targetResiduals(w: ArrayLike<number>, b: number, factuals: Matrix, s: number): number[] {
  return Array.from({ length: factuals.rows }, (_, i) => {
    const x = row(factuals, i);
    let h = b;
    for (let j = 0; j < x.length; j++) h += w[j] * x[j];
    return s - h;
  });
}

export interface Theorem1Input {
  readonly wNR: ArrayLike<number>;
  readonly lambda: number;
  /** Δ for each factual. */
  readonly deltas: readonly number[];
  /** Where Δ came from (for the variant label). */
  readonly deltaSource: string;
  /** Where ζ came from: 'scfe', 'paper-def1' or 'closed-form'. */
  readonly zetaSource: string;
  readonly zetaNR: Zetas;
  readonly zetaR: Zetas;
  /** For searched recourses (SCFE): instances where a search failed are vacuous. */
  readonly found?: Found;
  readonly notes?: readonly string[];
}

export function checkTheorem1(o: Theorem1Input): StatementResult {
  const wn = norm2(o.wNR);
  const checks = costDifferenceChecks(o.zetaNR, o.zetaR, (i) => {
    const bound = theorem1Bound(o.lambda, wn, o.deltas[i]);
    return { bound, vacuous: Number.isNaN(bound) ? '‖w_NR‖ − Δ ≤ 0: the bound\'s denominator is not positive' : null };
  }, o.found);
  return {
    name: 'theorem1',
    variant: `ζ=${o.zetaSource}, Δ=${o.deltaSource}`,
    description: '|‖ζ_NR‖ − ‖ζ_R‖| versus λ(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ))',
    checks,
    notes: [`λ = ${o.lambda}, ‖w_NR‖₂ = ${wn.toPrecision(4)}, Δ from ${Math.min(...o.deltas).toPrecision(4)} to ${Math.max(...o.deltas).toPrecision(4)}`, ...(o.notes ?? [])],
  };
}

/**
 * Our corrected Theorem 1 for the true minimiser ζ = m/(λ + ‖w‖²)·w (m = s − h(x)): since
 * ‖ζ‖ ≤ |m|/‖w‖ and ‖w_R‖ ≥ ‖w_NR‖ − Δ > 0,
 *   |‖ζ_NR‖ − ‖ζ_R‖| ≤ max(|m_NR|, |m_R|)·(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ)),
 * i.e. the paper's bound with λ replaced by the largest target residual (the proof dropped both).
 */
export function checkTheorem1Corrected(o: Theorem1Input & { residualNR: readonly number[]; residualR: readonly number[] }): StatementResult {
  const wn = norm2(o.wNR);
  const checks = costDifferenceChecks(o.zetaNR, o.zetaR, (i) => {
    const bound = theorem1Bound(Math.max(Math.abs(o.residualNR[i]), Math.abs(o.residualR[i])), wn, o.deltas[i]);
    return { bound, vacuous: Number.isNaN(bound) ? '‖w_NR‖ − Δ ≤ 0: the bound\'s denominator is not positive' : null };
  });
  return {
    name: 'theorem1', variant: `corrected bound, ζ=${o.zetaSource}, Δ=${o.deltaSource}`,
    description: '|‖ζ_NR‖ − ‖ζ_R‖| versus max|s − h(x)|·(2‖w_NR‖ + Δ)/(‖w_NR‖(‖w_NR‖ − Δ)) (λ replaced by the residual)',
    checks, notes: [...(o.notes ?? [])],
  };
}
