/** Lemma 1: ‖w_NR − w_R‖₂ ≤ Δ = Nη(‖x‖₂ + ε√d) per test instance x (weights without the bias). */
import { lemma1Delta } from './bounds';
import type { StatementInput, StatementResult } from './statement';
import { checkRow } from './verdict';

/** One instance of Lemma 1: the measured weight gap and its bound. */
export interface Lemma1Row {
  /** ‖w_NR − w_R‖₂ (the same for every instance). */
  readonly weightGap: number;
  /** ‖x‖₂ of the test instance. */
  readonly xNorm: number;
}

export interface Lemma1Params {
  /** N·η under the variant's reading of N. */
  readonly nEta: number;
  readonly eps: number;
  /** Input dimension d. */
  readonly d: number;
}

/** Lemma 1 per instance: ‖w_NR − w_R‖₂ against Δ(x). */
export function checkLemma1(input: StatementInput<Lemma1Row, Lemma1Params>): StatementResult {
  const { nEta, eps, d } = input.params;
  return {
    name: 'lemma1',
    variant: input.variant,
    description: '‖w_NR − w_R‖₂ versus Δ = Nη(‖x‖₂ + ε√d) (ℓ∞ ball, as in the proof)',
    checks: input.rows.map((r, i) => checkRow(i, r.weightGap, lemma1Delta(nEta, r.xNorm, eps, d))),
    notes: [...(input.notes ?? [])],
  };
}
