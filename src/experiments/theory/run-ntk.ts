/**
 * All checks that apply to the NTK pair: Theorem 2 (ζ from SCFE and from the proof's linearised closed
 * form), Lemma 2, Theorem 3 (C-CHVAE) and Theorem 5, on the first n test points both NTK models predict
 * negative. The pair is fitted here and disposed here.
 */
import type { Dataset } from '../../data/types';
import { selectFactuals } from '../../metrics/factuals';
import { checkLemma2, checkTheorem2, checkTheorem5, type StatementResult } from '../../theory/index';
import { measureTheorem3 } from './measure-cchvae';
import { deltaK, lemma2Row, linearisedCosts, ntkAccuracy, theorem2Rows, theorem5Rows } from './measure-ntk';
import { disposeNtkPair, fitNtkPair, type NtkPair } from './ntk-pair';
import type { NtkPairOptions } from './options';
import { foundNote, scfeOptions, scfeRecourses, share } from './recourses';
import { SKIPPED_THEOREM3, type NtkTheoryRun, type TheoryRunOptions } from './types';

export interface NtkTheoryOptions extends TheoryRunOptions {
  pair?: Partial<NtkPairOptions>;
}

/** Fits the pair, measures every statement, and frees the pair's tensors. */
export async function runNtkTheory(ds: Dataset, o: NtkTheoryOptions): Promise<NtkTheoryRun> {
  (o.onProgress ?? (() => {}))(`fitting the NTK pair (ε = ${o.eps}, X_R = PGD against the non-robust NTK)`);
  const pair = fitNtkPair(ds.train, { ...o.pair, eps: o.eps, seed: o.seed });
  try {
    return await measureNtkPair(ds, pair, o);
  } finally {
    disposeNtkPair(pair);
  }
}

/** Every NTK statement on a fitted pair (the caller owns and disposes the pair). */
export async function measureNtkPair(ds: Dataset, pair: NtkPair, o: NtkTheoryOptions): Promise<NtkTheoryRun> {
  const say = o.onProgress ?? (() => {});
  const f = selectFactuals(ds.test, pair.r, {
    policy: 'both',
    reference: pair.nr,
    n: o.n,
    names: { explained: `the robust NTK model (ε = ${o.eps})`, reference: 'the non-robust NTK model' },
    remedy: 'use a smaller ε, another dataset or another β (the theorems compare recourses of both models for the same test points)',
  });
  const x = f.x;
  const sc = scfeOptions(o.scfe);
  say(`SCFE on ${x.rows} factuals for both NTK models`);
  const recNR = await scfeRecourses(pair.nr, x, sc);
  const recR = await scfeRecourses(pair.r, x, sc);
  const dK = deltaK(pair.nr, pair.r);
  const lemma2 = lemma2Row(pair.nr, pair.r, dK);
  const { n, beta, pgdSteps } = pair.options;
  const pairNote = `n = ${n} training points, β = ${beta}, X_R = PGD-${pgdSteps} at ε = ${o.eps} (mean ‖x_R − x‖∞ = ${pair.meanLinf.toFixed(3)}, ‖·‖₂ = ${pair.meanL2.toFixed(3)})`;
  const scfeNote = `SCFE: loss ${sc.loss}, norm ${sc.norm}, λ = ${sc.lambda}; ${foundNote(recNR.found, recR.found)}`;
  const statements: StatementResult[] = [
    checkTheorem2({
      variant: { zeta: 'scfe' },
      params: {},
      notes: [pairNote, scfeNote],
      rows: theorem2Rows(pair.nr, pair.r, x, { costNR: recNR.costs, costR: recR.costs, foundNR: recNR.found, foundR: recR.found }),
    }),
    checkTheorem2({
      variant: { zeta: 'linearised' },
      params: {},
      notes: [pairNote, `ζ = (s − f(x))/(λ + ‖w̄‖²)·w̄ with s = ${sc.targetLogit}, λ = ${sc.lambda}`],
      rows: theorem2Rows(pair.nr, pair.r, x, {
        costNR: linearisedCosts(pair.nr, x, sc.targetLogit, sc.lambda),
        costR: linearisedCosts(pair.r, x, sc.targetLogit, sc.lambda),
      }),
    }),
    checkLemma2({ variant: {}, params: { beta }, rows: [lemma2] }),
    checkTheorem5({
      variant: { zeta: 'scfe' },
      params: { deltaK: dK, yNorm: lemma2.yNorm },
      notes: [scfeNote],
      rows: theorem5Rows(pair.nr, pair.r, recNR.counterfactuals, recR.counterfactuals, recNR.found, recR.found),
    }),
  ];
  const t3 = o.cchvae === false ? null : await measureTheorem3(ds, pair.nr, pair.r, x, { ...o.cchvae, seed: o.seed }, say);
  if (t3) statements.push(t3.statement);
  const [a, b] = [ntkAccuracy(pair.nr, ds.test), ntkAccuracy(pair.r, ds.test)];
  return {
    dataset: ds.spec.name,
    model: 'ntk',
    eps: o.eps,
    factuals: f,
    statements,
    theorem3Chain: t3?.chain ?? null,
    pending: t3 ? [] : [SKIPPED_THEOREM3],
    facts: {
      accuracyNR: a.accuracy,
      accuracyR: b.accuracy,
      positiveRateNR: a.positiveRate,
      positiveRateR: b.positiveRate,
      scfeFoundNR: share(recNR.found),
      scfeFoundR: share(recR.found),
      lambda: sc.lambda,
      targetLogit: sc.targetLogit,
      eligible: f.eligible,
      deltaK: dK,
      beta,
      trainSubsample: n,
      weightGap: lemma2.weightGap,
      meanLinf: pair.meanLinf,
      meanL2: pair.meanL2,
    },
  };
}
