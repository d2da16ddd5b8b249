/**
 * The logistic-regression pair of Lemma 1 / Theorems 1 and 4: an ERM model (ε = 0) and an adversarially
 * trained one, both trained from the SAME initial weights (same seed; Net.init depends only on seed and
 * architecture) with plain minibatch SGD, because the lemma's proof unrolls gradient descent.
 *
 * N and η: the proof sums one gradient difference per update, so N = the number of optimiser updates
 * (`steps`) and η = the SGD learning rate; the paper's text calls N "the total number of training
 * epochs", the alternative reading `epochs`. Each minibatch update moves w by η·‖mean of per-sample
 * gradient differences‖ ≤ η(max‖xᵢ‖ + ε√d), so with N = steps the lemma is sound for our optimiser with
 * the max over the training rows (`deltaTrain`); the paper's Δ uses the test instance's ‖x‖ instead.
 */
import type { Dataset } from '../../data/types';
import type { TrainedModel } from '../../models/model-file';
import { fitModel } from '../../models/store';
import type { LemmaN } from '../../theory/statement';
import { check } from '../../util/errors';
import { norm2, row } from '../../util/matrix';
import { resolveOptions } from '../../util/options';
import { DEFAULT_LR_PAIR, LR_PAIR_RULES, type LrPairOptions } from './options';

/** Weights of the pair in Float64 and the training facts Lemma 1 needs (no tensors). */
export interface LrPairWeights {
  readonly wNR: Float64Array;
  readonly bNR: number;
  readonly wR: Float64Array;
  readonly bR: number;
  readonly eps: number;
  /** SGD learning rate η, optimiser updates and epochs (the same for both models). */
  readonly eta: number;
  readonly steps: number;
  readonly epochs: number;
  /** Sound Δ for our minibatch SGD: steps·η·(max over training rows ‖xᵢ‖ + ε√d). */
  readonly deltaTrain: number;
}

/** The trained pair; its nets hold tensors: call disposeLrPair when done. */
export interface LrPair {
  readonly nr: TrainedModel;
  readonly r: TrainedModel;
  readonly weights: LrPairWeights;
}

/** N under a reading of Lemma 1, and N·η. */
export function lemmaN(w: Pick<LrPairWeights, 'steps' | 'epochs' | 'eta'>, reading: LemmaN): { N: number; nEta: number } {
  const N = reading === 'steps' ? w.steps : w.epochs;
  return { N, nEta: N * w.eta };
}

function linearWeights(m: TrainedModel): { w: Float64Array; b: number } {
  const lin = m.net.linear();
  check(lin, 'the theory checks for Lemma 1 and Theorems 1 and 4 need a linear model');
  return { w: Float64Array.from(lin.w), b: lin.b };
}

/** Trains (or loads from the cache) the ERM / robust LR pair with SGD from a shared initialisation. */
export function fitLrPair(ds: Dataset, opts: Partial<LrPairOptions> = {}): LrPair {
  const o = resolveOptions('lr pair', DEFAULT_LR_PAIR, LR_PAIR_RULES, opts);
  const common = { kind: o.kind, seed: o.seed, optimizer: 'sgd' as const, learningRate: o.learningRate, epochs: o.epochs, batchSize: o.batchSize };
  const nr = fitModel(ds, { ...common, eps: 0 }, { evalEps: o.eps, cache: o.cache });
  let r: TrainedModel | null = null;
  try {
    r = fitModel(ds, { ...common, eps: o.eps }, { evalEps: o.eps, cache: o.cache });
    check(nr.steps === r.steps, 'the ERM and robust models took different numbers of updates; train them with the same options');
    const a = linearWeights(nr);
    const b = linearWeights(r);
    let maxNorm = 0;
    for (let i = 0; i < ds.train.x.rows; i++) maxNorm = Math.max(maxNorm, norm2(row(ds.train.x, i)));
    const deltaTrain = nr.steps * o.learningRate * (maxNorm + o.eps * Math.sqrt(ds.train.x.cols));
    return { nr, r, weights: { wNR: a.w, bNR: a.b, wR: b.w, bR: b.b, eps: o.eps, eta: o.learningRate, steps: nr.steps, epochs: nr.epochs, deltaTrain } };
  } catch (e) {
    nr.net.dispose();
    r?.net.dispose();
    throw e;
  }
}

/** Frees the tensors of both nets. */
export function disposeLrPair(p: LrPair): void {
  p.nr.net.dispose();
  p.r.net.dispose();
}
