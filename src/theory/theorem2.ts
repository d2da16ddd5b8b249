/**
 * Theorem 2 measured: |‖ζ_NR‖ − ‖ζ_R‖| of SCFE recourses on the NTK pair against
 * 2/H(‖w̄_NR‖, ‖w̄_R‖) = 1/‖w̄_NR‖ + 1/‖w̄_R‖, with w̄_NR = ∇ₓK∞(x, X)w_NR and w̄_R = ∇ₓK∞(x, X_R)w_R at
 * the factual x. ζ come from our SCFE optimiser run on the NTK models, or from the proof's linearised
 * closed form ζ = (s − f(x))/(λ + ‖w̄‖²)·w̄.
 */
import { row, type Matrix } from '../util/matrix';
import { norm2 } from '../util/matrix';
import { theorem2Bound } from './bounds';
import { costDifferenceChecks, type Found, type Zetas } from './cost-diff';
import type { NtkModel } from '../models/ntk/model';
import type { StatementResult } from './verdict';

/** The proof's linearised SCFE step at x: (s − f(x))/(λ + ‖w̄‖²)·w̄ with w̄ = ∇ₓf(x). */
export function linearisedZeta(model: NtkModel, x: ArrayLike<number>, s: number, lambda: number): Float64Array {
  const g = model.gradient(x);
  const k = (s - model.score(x)) / (lambda + norm2(g) ** 2);
  return g.map((v) => k * v);
}

export function linearisedZetas(model: NtkModel, factuals: Matrix, s: number, lambda: number): Float64Array[] {
  return Array.from({ length: factuals.rows }, (_, i) => linearisedZeta(model, row(factuals, i), s, lambda));
}

export interface Theorem2Input {
  readonly nr: NtkModel;
  readonly r: NtkModel;
  readonly factuals: Matrix;
  readonly zetaSource: string;
  readonly zetaNR: Zetas;
  readonly zetaR: Zetas;
  /** For searched recourses (SCFE): instances where a search failed are vacuous. */
  readonly found?: Found;
  readonly notes?: readonly string[];
}

export function checkTheorem2(o: Theorem2Input): StatementResult {
  const checks = costDifferenceChecks(o.zetaNR, o.zetaR, (i) => {
    const x = row(o.factuals, i);
    const bound = theorem2Bound(norm2(o.nr.gradient(x)), norm2(o.r.gradient(x)));
    return { bound, vacuous: Number.isNaN(bound) ? 'a model gradient w̄ is zero at x' : null };
  }, o.found);
  return {
    name: 'theorem2',
    variant: `ζ=${o.zetaSource}`,
    description: '|‖ζ_NR‖ − ‖ζ_R‖| versus 2/H(‖w̄_NR‖, ‖w̄_R‖)',
    checks,
    notes: [...(o.notes ?? [])],
  };
}
