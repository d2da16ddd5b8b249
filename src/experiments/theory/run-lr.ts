/**
 * All checks that apply to the logistic-regression pair: Lemma 1 (both readings of N), Theorem 1 (ζ from
 * SCFE, Definition 1 as printed and the true closed form; Δ from Lemma 1 and measured; the paper's and our
 * corrected bound), Theorem 3 (C-CHVAE) and Theorem 4, on the first n test points both models predict
 * negative. The pair is trained here and disposed here.
 */
import type { Dataset } from '../../data/types';
import { selectFactuals } from '../../metrics/factuals';
import {
  checkLemma1,
  checkTheorem1,
  checkTheorem4,
  LEMMA_N_READINGS,
  type DeltaSource,
  type LemmaN,
  type StatementResult,
  type ZetaSource,
} from '../../theory/index';
import { median, norm2 } from '../../util/matrix';
import { disposeLrPair, fitLrPair, lemmaN, type LrPair } from './lr-pair';
import { measureTheorem3 } from './measure-cchvae';
import { closedFormCosts, lemma1Deltas, lemma1Rows, targetResiduals, theorem1Rows, theorem4Rows, weightGap } from './measure-lr';
import { DEFAULT_THEORY_RUN, type LrPairOptions } from './options';
import { foundNote, scfeOptions, scfeRecourses, share } from './recourses';
import { SKIPPED_THEOREM3, type LrTheoryRun, type TheoryRunOptions } from './types';

export interface LrTheoryOptions extends TheoryRunOptions {
  pair?: Partial<LrPairOptions>;
  /** The reading of N whose Δ enters Theorems 1 and 4 (default DEFAULT_THEORY_RUN.lemmaN); Lemma 1 is checked under both. */
  lemmaN?: LemmaN;
}

/** Trains the pair, measures every statement, and frees the pair's tensors. */
export async function runLrTheory(ds: Dataset, o: LrTheoryOptions): Promise<LrTheoryRun> {
  (o.onProgress ?? (() => {}))(`training the LR pair (ε = 0 and ε = ${o.eps}, SGD, shared initialisation)`);
  const pair = fitLrPair(ds, { ...o.pair, eps: o.eps, seed: o.seed });
  try {
    return await measureLrPair(ds, pair, o);
  } finally {
    disposeLrPair(pair);
  }
}

/** Every LR statement on a trained pair (the caller owns and disposes the pair). */
export async function measureLrPair(ds: Dataset, pair: LrPair, o: LrTheoryOptions): Promise<LrTheoryRun> {
  const say = o.onProgress ?? (() => {});
  const w = pair.weights;
  const f = selectFactuals(ds.test, pair.r.net, {
    policy: 'both',
    reference: pair.nr.net,
    n: o.n,
    names: { explained: `the robust LR model (ε = ${o.eps})`, reference: 'the ERM LR model (ε = 0)' },
    remedy: 'use a smaller ε or another dataset (the theorems compare recourses of both models for the same test points)',
  });
  const x = f.x;
  const sc = scfeOptions(o.scfe);
  say(`SCFE on ${x.rows} factuals for both models`);
  const recNR = await scfeRecourses(pair.nr.net, x, sc);
  const recR = await scfeRecourses(pair.r.net, x, sc);
  const primary = o.lemmaN ?? DEFAULT_THEORY_RUN.lemmaN;
  const gap = weightGap(w.wNR, w.wR);
  const deltas: Record<DeltaSource, number[]> = { lemma1: lemma1Deltas(lemmaN(w, primary).nEta, w.eps, x), measured: new Array<number>(x.rows).fill(gap) };
  const deltaVariant = (delta: DeltaSource) => (delta === 'lemma1' ? { delta, lemmaN: primary } : { delta });
  const scfeNote = `SCFE: loss ${sc.loss}, norm ${sc.norm}, λ = ${sc.lambda}; ${foundNote(recNR.found, recR.found)}; closed forms use s = ${sc.targetLogit}`;
  const statements: StatementResult[] = LEMMA_N_READINGS.map((reading) => {
    const { N, nEta } = lemmaN(w, reading);
    return checkLemma1({
      variant: { lemmaN: reading },
      params: { nEta, eps: w.eps, d: x.cols },
      rows: lemma1Rows(w, x),
      notes: [
        `N = ${N} (${reading === 'steps' ? 'SGD updates' : 'epochs'}), η = ${w.eta}, Nη = ${nEta}`,
        `‖w_NR − w_R‖₂ = ${gap.toPrecision(4)}, ‖w_NR‖₂ = ${norm2(w.wNR).toPrecision(4)}, ‖w_R‖₂ = ${norm2(w.wR).toPrecision(4)}, |b_NR − b_R| = ${Math.abs(w.bNR - w.bR).toPrecision(4)}`,
        `sound Δ for our minibatch SGD (updates × η × (max training ‖xᵢ‖ + ε√d)) = ${w.deltaTrain.toPrecision(4)}`,
      ],
    });
  });
  const costs: Record<Exclude<ZetaSource, 'linearised' | 'cchvae'>, { nr: ArrayLike<number>; r: ArrayLike<number> }> = {
    scfe: { nr: recNR.costs, r: recR.costs },
    'paper-def1': {
      nr: closedFormCosts(w.wNR, w.bNR, x, sc.targetLogit, sc.lambda, 'paper-def1'),
      r: closedFormCosts(w.wR, w.bR, x, sc.targetLogit, sc.lambda, 'paper-def1'),
    },
    'closed-form': {
      nr: closedFormCosts(w.wNR, w.bNR, x, sc.targetLogit, sc.lambda, 'closed-form'),
      r: closedFormCosts(w.wR, w.bR, x, sc.targetLogit, sc.lambda, 'closed-form'),
    },
  };
  const params = { lambda: sc.lambda, wNrNorm: norm2(w.wNR) };
  for (const [zeta, c] of Object.entries(costs) as [keyof typeof costs, (typeof costs)[keyof typeof costs]][]) {
    const found = zeta === 'scfe' ? { foundNR: recNR.found, foundR: recR.found } : {};
    for (const delta of ['lemma1', 'measured'] as const) {
      statements.push(
        checkTheorem1({
          variant: { zeta, ...deltaVariant(delta), bound: 'paper' },
          params,
          notes: zeta === 'scfe' ? [scfeNote] : [],
          rows: theorem1Rows({ costNR: c.nr, costR: c.r, deltas: deltas[delta], ...found }),
        }),
      );
    }
  }
  const residualNR = targetResiduals(w.wNR, w.bNR, x, sc.targetLogit);
  const residualR = targetResiduals(w.wR, w.bR, x, sc.targetLogit);
  for (const delta of ['lemma1', 'measured'] as const) {
    statements.push(
      checkTheorem1({
        variant: { zeta: 'closed-form', ...deltaVariant(delta), bound: 'corrected' },
        params,
        rows: theorem1Rows({ costNR: costs['closed-form'].nr, costR: costs['closed-form'].r, deltas: deltas[delta], residualNR, residualR }),
      }),
    );
  }
  for (const delta of ['lemma1', 'measured'] as const) {
    statements.push(
      checkTheorem4({
        variant: { zeta: 'scfe', ...deltaVariant(delta) },
        params: {},
        notes: [scfeNote],
        rows: theorem4Rows(w, recNR.counterfactuals, recR.counterfactuals, deltas[delta], recNR.found, recR.found),
      }),
    );
  }
  const t3 = o.cchvae === false ? null : await measureTheorem3(ds, pair.nr.net, pair.r.net, x, { ...o.cchvae, seed: o.seed }, say);
  if (t3) statements.push(t3.statement);
  const { N, nEta } = lemmaN(w, primary);
  return {
    dataset: ds.spec.name,
    model: 'lr',
    eps: o.eps,
    factuals: f,
    statements,
    weights: w,
    theorem3Chain: t3?.chain ?? null,
    pending: t3 ? [] : [SKIPPED_THEOREM3],
    facts: {
      accuracyNR: pair.nr.metrics.accuracy,
      accuracyR: pair.r.metrics.accuracy,
      positiveRateNR: pair.nr.metrics.positiveRate,
      positiveRateR: pair.r.metrics.positiveRate,
      degenerateNR: pair.nr.metrics.degenerate,
      degenerateR: pair.r.metrics.degenerate,
      scfeFoundNR: share(recNR.found),
      scfeFoundR: share(recR.found),
      lambda: sc.lambda,
      targetLogit: sc.targetLogit,
      eligible: f.eligible,
      weightGap: gap,
      wNrNorm: norm2(w.wNR),
      wRNorm: norm2(w.wR),
      biasGap: Math.abs(w.bNR - w.bR),
      N,
      eta: w.eta,
      nEta,
      nMeaning: primary,
      deltaTrain: w.deltaTrain,
      deltaMedianLinf: median(deltas.lemma1),
      deltaMedianL2: median(lemma1Deltas(nEta, w.eps, x, 'l2')),
    },
  };
}
