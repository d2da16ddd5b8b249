/**
 * All checks that apply to the logistic-regression pair: Lemma 1, Theorem 1 (three sources of ζ),
 * Theorem 3 (C-CHVAE) and Theorem 4, on n test instances both models predict negative.
 */
import type { Dataset } from '../../data/types';
import type { Matrix } from '../../util/matrix';
import { selectFactuals } from '../../theory/factuals';
import { checkLemma1, lemma1Deltas, weightGap } from '../../theory/lemma1';
import { fitLrPair, withNMeaning, type LrPair, type LrPairOptions } from './lr-pair';
import { rate, scfeOptions, scfeRecourses } from './recourses';
import { runTheorem3 } from './run-cchvae';
import { checkTheorem1, checkTheorem1Corrected, closedFormZetas, targetResiduals } from '../../theory/theorem1';
import type { TheoryRun, TheoryRunOptions } from './types';
import { checkTheorem4 } from '../../theory/validity';

export interface LrTheoryOptions extends TheoryRunOptions {
  pair?: Partial<LrPairOptions>;
}

function closedForms(pair: LrPair, x: Matrix, s: number, lambda: number, paper: boolean) {
  return { nr: closedFormZetas(pair.wNR, pair.bNR, x, s, lambda, paper), r: closedFormZetas(pair.wR, pair.bR, x, s, lambda, paper) };
}

export async function runLrTheory(ds: Dataset, o: LrTheoryOptions): Promise<TheoryRun> {
  const say = o.onProgress ?? (() => {});
  say(`training the LR pair (ε = 0 and ε = ${o.eps}, SGD, shared initialisation)`);
  const pair = fitLrPair(ds, { ...o.pair, eps: o.eps, seed: o.seed });
  const other = withNMeaning(pair, pair.nMeaning === 'steps' ? 'epochs' : 'steps');
  const f = selectFactuals(ds.test.x, [pair.nr.net, pair.r.net], o.n, o.seed);
  const sc = scfeOptions(o.scfe);
  say(`SCFE on ${f.x.rows} factuals for both models`);
  const recNR = await scfeRecourses(pair.nr.net, f.x, sc);
  const recR = await scfeRecourses(pair.r.net, f.x, sc);
  const gap = weightGap(pair.wNR, pair.wR);
  const deltas = { lemma: lemma1Deltas(pair, f.x), measured: new Array<number>(f.x.rows).fill(gap) };
  const deltaLabel = { lemma: `lemma1(N=${pair.nMeaning})`, measured: 'measured ‖w_NR − w_R‖' };
  const zetas = {
    scfe: { nr: recNR.zetas, r: recR.zetas },
    'paper-def1': closedForms(pair, f.x, sc.targetLogit, sc.lambda, true),
    'closed-form': closedForms(pair, f.x, sc.targetLogit, sc.lambda, false),
  };
  const scfeNote = `SCFE: loss ${sc.loss}, norm ${sc.norm}, λ = ${sc.lambda}, stop at first valid iterate = ${sc.stopAtValid}; found ${(100 * rate(recNR.found)).toFixed(1)}% (NR) / ${(100 * rate(recR.found)).toFixed(1)}% (R); closed forms use s = ${sc.targetLogit}`;
  const statements = [checkLemma1(pair, f.x), checkLemma1(other, f.x)];
  for (const [zetaSource, z] of Object.entries(zetas)) {
    for (const key of ['lemma', 'measured'] as const) {
      statements.push(checkTheorem1({
        wNR: pair.wNR, lambda: sc.lambda, deltas: deltas[key], deltaSource: deltaLabel[key], zetaSource,
        zetaNR: z.nr, zetaR: z.r, notes: zetaSource === 'scfe' ? [scfeNote] : [],
        found: zetaSource === 'scfe' ? { nr: recNR.found, r: recR.found } : undefined,
      }));
    }
  }
  const residual = (w: Float64Array, b: number) => targetResiduals(w, b, f.x, sc.targetLogit);
  for (const key of ['lemma', 'measured'] as const) {
    statements.push(checkTheorem1Corrected({
      wNR: pair.wNR, lambda: sc.lambda, deltas: deltas[key], deltaSource: deltaLabel[key], zetaSource: 'closed-form',
      zetaNR: zetas['closed-form'].nr, zetaR: zetas['closed-form'].r, residualNR: residual(pair.wNR, pair.bNR), residualR: residual(pair.wR, pair.bR),
    }));
  }
  for (const key of ['lemma', 'measured'] as const) {
    statements.push(checkTheorem4({
      nr: { w: pair.wNR, b: pair.bNR }, r: { w: pair.wR, b: pair.bR }, cfNR: recNR.counterfactuals, cfR: recR.counterfactuals,
      deltas: deltas[key], variant: `SCFE, Δ=${deltaLabel[key]}`, notes: [scfeNote],
    }));
  }
  const t3 = o.cchvae === false ? null : await runTheorem3(ds, pair.nr.net, pair.r.net, f.x, { ...o.cchvae, seed: o.seed }, say);
  if (t3?.statement) statements.push(t3.statement);
  return {
    dataset: ds.spec.name, model: 'lr', eps: o.eps, factuals: f, statements,
    pending: t3?.pending ? [t3.pending] : [],
    facts: {
      accuracyNR: pair.nr.metrics.accuracy, accuracyR: pair.r.metrics.accuracy,
      positiveRateNR: pair.nr.metrics.positiveRate, positiveRateR: pair.r.metrics.positiveRate,
      degenerateR: pair.r.metrics.degenerate, scfeFoundNR: rate(recNR.found), scfeFoundR: rate(recR.found),
      weightGap: gap, N: pair.N, eta: pair.eta, nMeaning: pair.nMeaning, deltaTrain: pair.deltaTrain,
      lambda: sc.lambda, targetLogit: sc.targetLogit, eligible: f.eligible,
    },
  };
}
