import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models/types';
import type { Matrix } from '../util/matrix';
import { checkFactuals, logitsOf, mergeOptions, opt } from './common';
import { COST_NORMS, rowDistance, type CostNorm } from './distance';
import { gradientSearch } from './gradient-search';
import { featureLayout, type FeatureLayout } from '../data/layout';
import type { RecourseContext, RecourseMethod, RecourseResult } from './types';

export interface ScfeOptions {
  /** Weight λ of the distance term (default 0.01, CARLA). */
  lambda: number;
  /** Adam learning rate (default 0.01, CARLA). */
  lr: number;
  /** Adam steps per round (default 1000, CARLA). */
  maxIter: number;
  /** Rounds; after an unsuccessful round λ changes by the schedule (default 1: at most maxIter steps in all). */
  rounds: number;
  /** λ ← λ·lambdaDecay after each unsuccessful round (default 0.5; stays positive, unlike CARLA's λ − 0.05). */
  lambdaDecay: number;
  /** Distance d(x′, x): 'l1' (default, CARLA), 'l2', or 'l2sq' (squared ℓ2, the closed forms' cost). */
  norm: CostNorm;
  /** Prediction loss: 'bce' = −log p(class 1) (default, CARLA); 'mse' = (logit − targetLogit)², eq. 2's (f(x′) − s)². */
  loss: 'bce' | 'mse';
  /** Target score s of the 'mse' loss, on the logit scale (default 1). */
  targetLogit: number;
  /** Stop each row at its first iterate the model predicts positive (default true); false runs every step (converged SCFE). */
  stopAtValid: boolean;
  /** AMSGrad variant of Adam (default true, as CARLA / PyTorch amsgrad=True). */
  amsgrad: boolean;
  /**
   * Reproduce CARLA's Wachter quirks (default false): no [0,1] clamp, binary/one-hot columns frozen,
   * immutable columns free, λ ← λ − 0.05 per round (can go negative).
   */
  carla: boolean;
  /** Unused (SCFE is deterministic); accepted so every method takes a seed. */
  seed: number;
}

export const SCFE_DEFAULTS: ScfeOptions = {
  lambda: 0.01, lr: 0.01, maxIter: 1000, rounds: 1, lambdaDecay: 0.5, norm: 'l1', loss: 'bce', targetLogit: 1,
  stopAtValid: true, amsgrad: true, carla: false, seed: 0,
};

/** Validates SCFE options; shared with ROAR for the options they have in common. */
export function checkScfeOptions(method: string, o: ScfeOptions): void {
  opt.nonNegative(method, 'lambda', o.lambda);
  opt.positive(method, 'lr', o.lr);
  opt.positiveInt(method, 'maxIter', o.maxIter);
  opt.positiveInt(method, 'rounds', o.rounds);
  opt.positive(method, 'lambdaDecay', o.lambdaDecay);
  opt.oneOf(method, 'norm', o.norm, COST_NORMS);
  opt.oneOf(method, 'loss', o.loss, ['bce', 'mse']);
  opt.integer(method, 'seed', o.seed);
}

/** λ in a given round: geometric decay by default, CARLA's subtraction in carla mode. */
export function scheduledLambda(o: Pick<ScfeOptions, 'lambda' | 'lambdaDecay' | 'carla'>, round: number): number {
  return o.carla ? o.lambda - 0.05 * round : o.lambda * o.lambdaDecay ** round;
}

/**
 * The SCFE objective per row (eq. 2 with CARLA's loss choices): ℓ_pred(f(x̃)) + λ·d(x′, x), where x̃ is the
 * feasible (projected) point the model sees and x′ the relaxed iterate the distance is measured on.
 */
export function scfeObjective(model: Classifier, xt: tf.Tensor2D, xv: tf.Tensor2D, x0: tf.Tensor2D,
  o: Pick<ScfeOptions, 'loss' | 'targetLogit' | 'norm'>, lambda: number): { loss: tf.Tensor1D; logit: tf.Tensor1D } {
  const logit = model.logits(xt);
  const pred = o.loss === 'bce' ? tf.softplus(tf.neg(logit)) : tf.square(tf.sub(logit, o.targetLogit));
  return { loss: tf.add(pred, tf.mul(rowDistance(xv, x0, o.norm), lambda)) as tf.Tensor1D, logit };
}

/** Column update mask: everything mutable, or in carla mode every continuous-typed column (immutables too). */
function updateMask(layout: FeatureLayout, carla: boolean, d: number): Float32Array {
  if (!carla) return layout.mutable;
  const m = new Float32Array(d).fill(1);
  [...layout.binary, ...layout.groups.flat()].forEach((j) => (m[j] = 0));
  return m;
}

/**
 * SCFE (Wachter et al. 2018; CARLA `wachter`), batched: all factuals optimised together with Adam, each row
 * frozen at its first iterate classified positive (CARLA's rule, p > 0.5). Differences from CARLA (all
 * switchable with carla: true): the iterate is clamped to [0,1]; binary/one-hot columns can change
 * (straight-through projection instead of zero-gradient rounding); immutables are fixed; λ decays
 * geometrically instead of going negative; the cap is a step count, not a 30 s wall-clock budget.
 */
export const scfe: RecourseMethod<ScfeOptions> = {
  name: 'scfe',
  summary: 'SCFE / Wachter: gradient descent on prediction loss + λ·distance, stop at the first valid iterate',
  defaults: SCFE_DEFAULTS,
  async generate(model: Classifier, factuals: Matrix, options: Partial<ScfeOptions> = {}, context: RecourseContext = {}): Promise<RecourseResult> {
    const o = mergeOptions('scfe', SCFE_DEFAULTS, options);
    checkScfeOptions('scfe', o);
    checkFactuals(model, factuals);
    const layout = featureLayout(factuals.cols, context.spec);
    const run = gradientSearch({
      factuals, layout, lr: o.lr, amsgrad: o.amsgrad, maxIter: o.maxIter, rounds: o.rounds,
      stop: o.stopAtValid ? 'valid' : 'none', lossThreshold: 0, clamp: !o.carla, project: !o.carla,
      updateMask: updateMask(layout, o.carla, factuals.cols),
      objective: (xt, xv, x0, round) => scfeObjective(model, xt, xv, x0, o, scheduledLambda(o, round)),
    });
    const z0 = logitsOf(model, factuals);
    const z = logitsOf(model, run.points);
    return {
      method: 'scfe', counterfactuals: run.points, found: Array.from(z, (v) => v > 0), alreadyPositive: Array.from(z0, (v) => v > 0),
      iterations: run.iterations, seconds: run.seconds, totalSeconds: run.totalSeconds,
    };
  },
};
