import * as tf from '@tensorflow/tfjs';
import type { FeatureLayout } from '../data/layout';
import type { Classifier } from '../models/types';
import type { Matrix } from '../util/matrix';
import type { OptionRules } from '../util/options';
import { COST_NORMS, type CostNorm } from './distance';
import { gradientSearch, type GradientSearchSpec } from './gradient-search';
import { objectiveOps, type SearchObjective } from './objective';
import { defineMethod } from './method';

/** SCFE options; defaults and their sources are in SCFE_RULES and docs/methods.md. */
export interface ScfeOptions {
  lambda: number;
  learningRate: number;
  /** Adam steps per round. */
  maxSteps: number;
  rounds: number;
  lambdaDecay: number;
  norm: CostNorm;
  loss: 'bce' | 'mse';
  targetLogit: number;
  stopAtValid: boolean;
  amsgrad: boolean;
  carla: boolean;
  seed: number;
}

/** SCFE's options when none are given. */
export const SCFE_DEFAULTS: ScfeOptions = {
  lambda: 0.01,
  learningRate: 0.01,
  maxSteps: 1000,
  rounds: 1,
  lambdaDecay: 0.5,
  norm: 'l1',
  loss: 'bce',
  targetLogit: 1,
  stopAtValid: true,
  amsgrad: true,
  carla: false,
  seed: 0,
};

/** The rule each of SCFE's options is checked against. */
export const SCFE_RULES: OptionRules<ScfeOptions> = {
  lambda: { type: 'number', min: 0, help: 'weight λ of the distance term', source: 'CARLA' },
  learningRate: { type: 'number', above: 0, help: 'Adam learning rate', source: 'CARLA' },
  maxSteps: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'Adam steps per round', source: 'CARLA (n_iter)' },
  rounds: {
    type: 'number',
    integer: true,
    min: 1,
    max: 1000,
    help: 'rounds; λ follows the schedule after each unsuccessful one',
    source: 'project (CARLA: until its 30 s budget)',
  },
  lambdaDecay: { type: 'number', above: 0, help: 'λ ← λ·lambdaDecay after an unsuccessful round (carla: λ − 0.05)', source: 'project' },
  norm: {
    type: 'enum',
    values: COST_NORMS,
    help: "distance d(x′, x): 'l1', 'l2' or 'l2sq' (the closed forms' cost)",
    source: 'CARLA (Wachter et al.: MAD-weighted ℓ1)',
  },
  loss: { type: 'enum', values: ['bce', 'mse'], help: "prediction loss: 'bce' = −log p(1); 'mse' = (logit − targetLogit)², eq. 2", source: 'CARLA' },
  targetLogit: { type: 'number', help: "target score s of the 'mse' loss, on the logit scale", source: 'project' },
  stopAtValid: { type: 'boolean', help: 'stop each row at its first iterate predicted positive (false: run every step)', source: 'CARLA' },
  amsgrad: { type: 'boolean', help: 'AMSGrad variant of Adam', source: 'CARLA (PyTorch amsgrad=True)' },
  carla: { type: 'boolean', help: "reproduce CARLA's quirks: no clamp, binaries frozen, immutables free, λ − 0.05 per round", source: 'project' },
  seed: { type: 'number', integer: true, help: 'unused (SCFE is deterministic); accepted so every method takes a seed' },
};

/** λ in a given round: geometric decay by default, CARLA's subtraction in carla mode. */
export function scheduledLambda(o: Pick<ScfeOptions, 'lambda' | 'lambdaDecay' | 'carla'>, round: number): number {
  return o.carla ? o.lambda - 0.05 * round : o.lambda * o.lambdaDecay ** round;
}

/**
 * The SCFE objective (eq. 2 with CARLA's loss choices): ℓ_pred(f(x̃)) + λ·d(x′, x), where x̃ is the feasible
 * (projected) point the model sees and x′ the relaxed iterate the distance is measured on.
 */
export function scfeSearchObjective(
  model: Classifier,
  o: Pick<ScfeOptions, 'loss' | 'targetLogit' | 'norm'>,
  lambda: (round: number) => number,
): SearchObjective {
  return { score: { kind: 'classifier', model }, loss: o.loss, targetLogit: o.targetLogit, norm: o.norm, lambda };
}

/** The SCFE objective per row as tfjs ops, at one λ (the reference interpreter of scfeSearchObjective). */
export function scfeObjective(
  model: Classifier,
  xt: tf.Tensor2D,
  xv: tf.Tensor2D,
  x0: tf.Tensor2D,
  o: Pick<ScfeOptions, 'loss' | 'targetLogit' | 'norm'>,
  lambda: number,
): { loss: tf.Tensor1D; logit: tf.Tensor1D } {
  return objectiveOps(
    scfeSearchObjective(model, o, () => lambda),
    xt.shape[0],
    xt.shape[1],
  ).evaluate(xt, xv, x0, 0);
}

/** Column update mask: everything mutable, or in carla mode every continuous-typed column (immutables too). */
function updateMask(layout: FeatureLayout, carla: boolean): Float32Array {
  if (!carla) return layout.mutable;
  const m = new Float32Array(layout.d).fill(1);
  [...layout.binary, ...layout.groups.flat()].forEach((j) => (m[j] = 0));
  return m;
}

/**
 * The gradient search SCFE runs on these factuals (the fused loop when the model is a dense ReLU net or a
 * stack of them, the reference tfjs loop otherwise).
 */
export function scfeSearchSpec(model: Classifier, factuals: Matrix, layout: FeatureLayout, o: ScfeOptions, onStop?: (row: number) => void): GradientSearchSpec {
  return {
    factuals,
    layout,
    lr: o.learningRate,
    amsgrad: o.amsgrad,
    maxIter: o.maxSteps,
    rounds: o.rounds,
    stop: o.stopAtValid ? 'valid' : 'none',
    lossThreshold: 0,
    clamp: !o.carla,
    project: !o.carla,
    updateMask: updateMask(layout, o.carla),
    onStop,
    objective: scfeSearchObjective(model, o, (round) => scheduledLambda(o, round)),
  };
}

/**
 * SCFE (Wachter et al. 2018; CARLA `wachter`), batched: all factuals optimised together with Adam, each row
 * frozen at its first iterate classified positive (CARLA's rule, p > 0.5). Differences from CARLA (all
 * switchable with carla: true) are listed in docs/methods.md.
 */
export const scfe = defineMethod<ScfeOptions>({
  name: 'scfe',
  summary: 'SCFE / Wachter: gradient descent on prediction loss + λ·distance, stop at the first valid iterate',
  defaults: SCFE_DEFAULTS,
  rules: SCFE_RULES,
  // CARLA stops on a 30 s budget per factual; ten rounds of 1000 steps stand in for it. Wachter et al. give no defaults.
  presets: { carla: { carla: true, rounds: 10 } },
  // CARLA's mode neither clamps nor fixes the immutables, so its rows may leave the feasible set the certificate bounds
  leavesFeasibleSet: (o) => o.carla,
  async search({ model, factuals, options: o, layout, finish }) {
    const run = gradientSearch(scfeSearchSpec(model, factuals, layout, o, finish));
    return { counterfactuals: run.points, iterations: run.iterations };
  },
});
