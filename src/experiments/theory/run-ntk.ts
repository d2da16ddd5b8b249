/**
 * All checks that apply to the NTK pair: Theorem 2 (ζ from our SCFE optimiser and from the proof's
 * linearised closed form), Lemma 2, Theorem 3 (C-CHVAE) and Theorem 5, on n test instances both NTK
 * models predict negative.
 */
import type { Dataset } from '../../data/types';
import { selectFactuals } from '../../theory/factuals';
import { checkLemma2, deltaK } from '../../theory/lemma2';
import { disposeNtkPair, fitNtkPair, type NtkPairOptions } from './ntk-pair';
import { rate, scfeOptions, scfeRecourses } from './recourses';
import { runTheorem3 } from './run-cchvae';
import { checkTheorem2, linearisedZetas } from '../../theory/theorem2';
import type { TheoryRun, TheoryRunOptions } from './types';
import { checkTheorem5 } from '../../theory/validity';

export interface NtkTheoryOptions extends TheoryRunOptions {
  pair?: Partial<NtkPairOptions>;
}

export async function runNtkTheory(ds: Dataset, o: NtkTheoryOptions): Promise<TheoryRun> {
  const say = o.onProgress ?? (() => {});
  say(`fitting the NTK pair (ε = ${o.eps}, X_R = PGD against the non-robust NTK)`);
  const pair = fitNtkPair(ds.train, { ...o.pair, eps: o.eps, seed: o.seed });
  try {
    const f = selectFactuals(ds.test.x, [pair.nr, pair.r], o.n, o.seed);
    const sc = scfeOptions(o.scfe);
    say(`SCFE on ${f.x.rows} factuals for both NTK models`);
    const recNR = await scfeRecourses(pair.nr, f.x, sc);
    const recR = await scfeRecourses(pair.r, f.x, sc);
    const dK = deltaK(pair.nr, pair.r);
    const pairNote = `n = ${pair.options.n} training points, β = ${pair.options.beta}, X_R = PGD-${pair.options.pgdSteps} at ε = ${o.eps} (mean ‖x_R − x‖∞ = ${pair.meanLinf.toFixed(3)}, ‖·‖₂ = ${pair.meanL2.toFixed(3)})`;
    const scfeNote = `SCFE: loss ${sc.loss}, norm ${sc.norm}, λ = ${sc.lambda}; found ${(100 * rate(recNR.found)).toFixed(1)}% (NR) / ${(100 * rate(recR.found)).toFixed(1)}% (R)`;
    const statements = [
      checkTheorem2({ nr: pair.nr, r: pair.r, factuals: f.x, zetaSource: 'scfe', zetaNR: recNR.zetas, zetaR: recR.zetas, found: { nr: recNR.found, r: recR.found }, notes: [pairNote, scfeNote] }),
      checkTheorem2({
        nr: pair.nr, r: pair.r, factuals: f.x, zetaSource: 'linearised',
        zetaNR: linearisedZetas(pair.nr, f.x, sc.targetLogit, sc.lambda), zetaR: linearisedZetas(pair.r, f.x, sc.targetLogit, sc.lambda),
        notes: [pairNote, `ζ = (s − f(x))/(λ + ‖w̄‖²)·w̄ with s = ${sc.targetLogit}, λ = ${sc.lambda}`],
      }),
      checkLemma2(pair.nr, pair.r, dK),
      checkTheorem5({ nr: pair.nr, r: pair.r, cfNR: recNR.counterfactuals, cfR: recR.counterfactuals, deltaK: dK, variant: 'SCFE', notes: [scfeNote] }),
    ];
    const t3 = o.cchvae === false ? null : await runTheorem3(ds, pair.nr, pair.r, f.x, { ...o.cchvae, seed: o.seed }, say);
    if (t3?.statement) statements.push(t3.statement);
    const acc = (m: typeof pair.nr) => {
      let c = 0;
      let pos = 0;
      for (let i = 0; i < ds.test.x.rows; i++) {
        const s = m.score(ds.test.x.data.subarray(i * ds.test.x.cols, (i + 1) * ds.test.x.cols));
        c += (s > 0 ? 1 : 0) === ds.test.y[i] ? 1 : 0;
        pos += s > 0 ? 1 : 0;
      }
      return { accuracy: c / ds.test.x.rows, positiveRate: pos / ds.test.x.rows };
    };
    const [a, b] = [acc(pair.nr), acc(pair.r)];
    return {
      dataset: ds.spec.name, model: 'ntk', eps: o.eps, factuals: f, statements, pending: t3?.pending ? [t3.pending] : [],
      facts: {
        accuracyNR: a.accuracy, accuracyR: b.accuracy, positiveRateNR: a.positiveRate, positiveRateR: b.positiveRate,
        scfeFoundNR: rate(recNR.found), scfeFoundR: rate(recR.found), deltaK: dK, beta: pair.options.beta,
        trainSubsample: pair.options.n, lambda: sc.lambda, targetLogit: sc.targetLogit, eligible: f.eligible,
      },
    };
  } finally {
    disposeNtkPair(pair);
  }
}
