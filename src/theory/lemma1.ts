/**
 * Lemma 1 measured: ‖w_NR − w_R‖₂ (weights without the bias, as in the lemma) against
 * Δ(x) = Nη(‖x‖₂ + ε√d) for each test instance x.
 */
import { norm2, row, type Matrix } from '../util/matrix';
import { lemma1Delta } from './bounds';
import type { LrPairWeights } from '../experiments/theory/lr-pair';
import { checkRow, type StatementResult } from './verdict';

/** ‖w_NR − w_R‖₂. */
export function weightGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return Math.sqrt(s);
}

/** Δ(x) for every factual under the pair's N/η reading. */
export function lemma1Deltas(pair: Pick<LrPairWeights, 'nEta' | 'eps'>, factuals: Matrix): number[] {
  return Array.from({ length: factuals.rows }, (_, i) => lemma1Delta(pair.nEta, norm2(row(factuals, i)), pair.eps, factuals.cols));
}

export function checkLemma1(pair: LrPairWeights, factuals: Matrix): StatementResult {
  const gap = weightGap(pair.wNR, pair.wR);
  const deltas = lemma1Deltas(pair, factuals);
  return {
    name: 'lemma1',
    variant: `N=${pair.nMeaning}`,
    description: '‖w_NR − w_R‖₂ versus Δ = Nη(‖x‖₂ + ε√d)',
    checks: deltas.map((delta, i) => checkRow(i, gap, delta)),
    notes: [
      `N = ${pair.N} (${pair.nMeaning === 'steps' ? 'SGD updates' : 'epochs'}), η = ${pair.eta}, Nη = ${pair.nEta}`,
      `‖w_NR − w_R‖₂ = ${gap.toPrecision(4)}, ‖w_NR‖₂ = ${norm2(pair.wNR).toPrecision(4)}, ‖w_R‖₂ = ${norm2(pair.wR).toPrecision(4)}, |b_NR − b_R| = ${Math.abs(pair.bNR - pair.bR).toPrecision(4)}`,
      `sound Δ for our minibatch SGD (updates × η × (max training ‖xᵢ‖ + ε√d)) = ${pair.deltaTrain.toPrecision(4)}`,
    ],
  };
}
