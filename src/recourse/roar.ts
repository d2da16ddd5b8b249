import * as tf from '@tensorflow/tfjs';
import type { FeatureLayout } from '../data/layout';
import type { Classifier } from '../models/types';
import { check, RecourseError } from '../util/errors';
import type { Matrix } from '../util/matrix';
import type { OptionRules } from '../util/options';
import { COST_NORMS, type CostNorm } from './distance';
import { gradientSearch, type GradientSearchSpec } from './gradient-search';
import { objectiveOps, type SearchObjective } from './objective';
import { limeSurrogates, type LinearSurrogates } from './lime';
import { defineMethod } from './method';
import type { RecourseContext, RecourseResult } from './types';

/** ROAR options; defaults and their sources are in ROAR_RULES and docs/methods.md. */
export interface RoarOptions {
  deltaMax: number;
  lambda: number;
  learningRate: number;
  maxSteps: number;
  /**
   * 'robust' stops a row at its first iterate the surrogate classifies positive under every shift in the
   * δ_max-ball (SCFE's rule under the worst-case model, so δ_max = 0 is SCFE); 'converged' is CARLA's rule,
   * |Δloss| ≤ lossThreshold, which has no validity test.
   */
  stop: 'robust' | 'converged';
  lossThreshold: number;
  norm: CostNorm;
  amsgrad: boolean;
  surrogate: 'auto' | 'lime';
  limeSamples: number;
  limeKernelWidth: number;
  limeRidge: number;
  seed: number;
}

/** ROAR's options when none are given. */
export const ROAR_DEFAULTS: RoarOptions = {
  deltaMax: 0.1,
  lambda: 0.1,
  learningRate: 0.01,
  maxSteps: 1000,
  stop: 'robust',
  lossThreshold: 1e-3,
  norm: 'l1',
  amsgrad: true,
  surrogate: 'auto',
  limeSamples: 5000,
  limeKernelWidth: 0,
  limeRidge: 1,
  seed: 0,
};

/** The rule each of ROAR's options is checked against. */
export const ROAR_RULES: OptionRules<RoarOptions> = {
  deltaMax: { type: 'number', min: 0, help: 'ℓ∞ radius of the weight-and-intercept shift', source: "ROAR authors' real-data setting (CARLA 0.01)" },
  lambda: { type: 'number', min: 0, help: 'weight λ of the distance', source: "ROAR's get_recourse (CARLA 0.01)" },
  learningRate: { type: 'number', above: 0, help: 'Adam learning rate', source: 'CARLA (ROAR repository 0.001)' },
  maxSteps: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'step cap', source: 'project (CARLA: a 30 s budget)' },
  stop: {
    type: 'enum',
    values: ['robust', 'converged'],
    help: "'robust': first iterate valid under every shift; 'converged': |Δloss| ≤ lossThreshold (CARLA)",
    source: 'project',
  },
  lossThreshold: { type: 'number', min: 0, help: "loss-change threshold of the 'converged' rule", source: 'CARLA (ROAR repository 1e-4)' },
  norm: { type: 'enum', values: COST_NORMS, help: "distance: 'l1', 'l2' or 'l2sq'", source: 'ROAR' },
  amsgrad: { type: 'boolean', help: 'AMSGrad variant of Adam', source: 'CARLA (ROAR repository: plain Adam)' },
  surrogate: {
    type: 'enum',
    values: ['auto', 'lime'],
    help: "'auto': the model's own weights when it is linear, else LIME; 'lime' forces the surrogate",
    source: 'CARLA',
  },
  limeSamples: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'LIME samples per factual', source: 'LIME' },
  limeKernelWidth: { type: 'number', min: 0, help: 'LIME kernel width in standardised units (0 = 0.75·√d)', source: 'LIME' },
  limeRidge: { type: 'number', above: 0, help: 'LIME ridge penalty', source: 'LIME (Ridge(alpha=1))' },
  seed: { type: 'number', integer: true, help: 'seed of the LIME samples (per row)' },
};

/** Per-row extras of a ROAR result (NaN / false for rows that needed no search). */
export type RoarExtras = {
  /** The surrogate's worst-case logit θᵀx̄′ − δ_max(‖x′‖₁ + 1) at the returned point. */
  worstCaseLogits: number[];
  /** Valid under every shift of the surrogate within δ_max (worst-case logit > 0). */
  robustValid: boolean[];
};

/** ROAR's result: the recourses with what the robust search reports about them. */
export type RoarResult = RecourseResult & RoarExtras;

/**
 * The exact inner maximisation of ROAR for a logistic model and target class 1 (docs/methods.md §ROAR): BCE is
 * decreasing in the score, so the worst shift of (w, b) in the ℓ∞ ball lowers the score as far as possible:
 * δ_w = −δ_max·sign(x′), δ_b = −δ_max, worst logit = wᵀx′ + b − δ_max(‖x′‖₁ + 1). No LP solver needed.
 */
export function roarInnerMax(
  w: ArrayLike<number>,
  b: number,
  x: ArrayLike<number>,
  deltaMax: number,
): { deltaW: Float64Array; deltaB: number; worstLogit: number } {
  check(deltaMax >= 0, `deltaMax must be ≥ 0; got ${deltaMax}`);
  const deltaW = Float64Array.from(x, (v) => -deltaMax * Math.sign(v));
  let worst = b - deltaMax;
  for (let j = 0; j < x.length; j++) worst += (w[j] + deltaW[j]) * x[j];
  return { deltaW, deltaB: -deltaMax, worstLogit: worst };
}

/**
 * ROAR's objective with the inner maximum in closed form: BCE(σ(worst logit), 1) + λ·d(x′, x), worst logit =
 * W_i·x̃ + b_i − δ_max(‖x̃‖₁ + 1), against the per-row surrogates W [n·d], b [n]. With δ_max = 0 and the
 * model's own weights this is SCFE's BCE objective.
 */
export function roarSearchObjective(W: Float32Array, b: Float32Array, deltaMax: number, lambda: number, norm: CostNorm): SearchObjective {
  return { score: { kind: 'linear-rows', W, b, deltaMax }, loss: 'bce', targetLogit: 0, norm, lambda: () => lambda };
}

/** ROAR's objective per row as tfjs ops (the reference interpreter of roarSearchObjective); W is [n, d], b is [n]. */
export function roarObjective(
  W: tf.Tensor2D,
  b: tf.Tensor1D,
  xt: tf.Tensor2D,
  xv: tf.Tensor2D,
  x0: tf.Tensor2D,
  deltaMax: number,
  lambda: number,
  norm: CostNorm,
): { loss: tf.Tensor1D; logit: tf.Tensor1D } {
  const [n, d] = W.shape;
  const ops = objectiveOps(roarSearchObjective(W.dataSync() as Float32Array, b.dataSync() as Float32Array, deltaMax, lambda, norm), n, d);
  const out = tf.tidy(() => ops.evaluate(xt, xv, x0, 0));
  ops.dispose();
  return out;
}

/** The linear model(s) ROAR robustifies against: the model itself when linear, else one LIME fit per factual. */
function surrogatesFor(model: Classifier, factuals: Matrix, rows: readonly number[], o: RoarOptions, context: RecourseContext): LinearSurrogates {
  const lin = o.surrogate === 'auto' ? (model.linear?.() ?? null) : null;
  const { rows: n, cols: d } = factuals;
  if (lin) {
    const W = new Float64Array(n * d);
    for (let i = 0; i < n; i++) W.set(lin.w, i * d);
    return { W, b: new Float64Array(n).fill(lin.b) };
  }
  if (!context.train) {
    throw new RecourseError('roar on a non-linear model fits LIME surrogates and needs the training data for feature scales: pass context.train');
  }
  context.onProgress?.(`fitting ${n} LIME surrogates (${o.limeSamples} samples each)`);
  return limeSurrogates(model, factuals, rows, context.train, { samples: o.limeSamples, kernelWidth: o.limeKernelWidth, ridge: o.limeRidge, seed: o.seed });
}

/**
 * The gradient search ROAR runs against the surrogates W [n·d], b [n] (float32).
 */
export function roarSearchSpec(
  factuals: Matrix,
  layout: FeatureLayout,
  o: RoarOptions,
  sur: { W: Float32Array; b: Float32Array },
  onStop?: (row: number) => void,
): GradientSearchSpec {
  return {
    factuals,
    layout,
    lr: o.learningRate,
    amsgrad: o.amsgrad,
    maxIter: o.maxSteps,
    rounds: 1,
    stop: o.stop === 'robust' ? 'valid' : 'converged',
    lossThreshold: o.lossThreshold,
    clamp: true,
    project: true,
    updateMask: layout.mutable,
    onStop,
    objective: roarSearchObjective(sur.W, sur.b, o.deltaMax, o.lambda, o.norm),
  };
}

/**
 * ROAR (Upadhyay, Joshi & Lakkaraju 2021; CARLA `roar`), batched: minimise over x′ the worst case over
 * ℓ∞-shifts δ of the (surrogate) logistic model of BCE + λ·d(x′, x), with the inner maximum in closed form
 * (roarInnerMax), Adam(AMSGrad), each row stopping at its first iterate valid under every shift (or, with
 * stop: 'converged', CARLA's loss-change rule) or at maxIter. Validity (`found`) is judged by the real model.
 * Differences from CARLA: the stopping rule, clamp to [0,1], immutables fixed, binary/one-hot columns can
 * change (straight-through), the LIME surrogate models the logit in input units (CARLA mixes units, §4.4).
 */
export const roar = defineMethod<RoarOptions, RoarExtras>({
  name: 'roar',
  summary: 'ROAR: recourse robust to ℓ∞ weight shifts (closed-form inner max; LIME surrogate for MLPs)',
  defaults: ROAR_DEFAULTS,
  rules: ROAR_RULES,
  presets: {
    carla: { deltaMax: 0.01, lambda: 0.01, learningRate: 0.01, stop: 'converged', lossThreshold: 1e-3, amsgrad: true },
    original: { deltaMax: 0.1, lambda: 0.1, learningRate: 0.001, stop: 'converged', lossThreshold: 1e-4, amsgrad: false },
  },
  skipped: { worstCaseLogits: NaN, robustValid: false },
  async search({ model, factuals, rows, options: o, layout, context, finish }) {
    const { rows: n, cols: d } = factuals;
    const sur = surrogatesFor(model, factuals, rows, o, context);
    const sur32 = { W: Float32Array.from(sur.W), b: Float32Array.from(sur.b) };
    const run = gradientSearch(roarSearchSpec(factuals, layout, o, sur32, finish));
    const worstCaseLogits = Array.from(
      { length: n },
      (_, i) => roarInnerMax(sur.W.subarray(i * d, (i + 1) * d), sur.b[i], run.points.data.subarray(i * d, (i + 1) * d), o.deltaMax).worstLogit,
    );
    return { counterfactuals: run.points, iterations: run.iterations, extras: { worstCaseLogits, robustValid: worstCaseLogits.map((v) => v > 0) } };
  },
});
