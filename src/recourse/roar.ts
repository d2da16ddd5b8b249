import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models/types';
import { check, RecourseError } from '../util/errors';
import type { Matrix } from '../util/matrix';
import { checkFactuals, logitsOf, mergeOptions, opt } from './common';
import { COST_NORMS, rowDistance, type CostNorm } from './distance';
import { gradientSearch } from './gradient-search';
import { featureLayout } from '../data/layout';
import { limeSurrogates, type LinearSurrogates } from './lime';
import type { RecourseContext, RecourseMethod, RecourseResult } from './types';

export interface RoarOptions {
  /** ℓ∞ radius of the weight-and-intercept shift (default 0.1, the ROAR authors' real-data setting; CARLA 0.01). */
  deltaMax: number;
  /** Weight λ of the distance (default 0.1, ROAR's get_recourse; CARLA 0.01). */
  lambda: number;
  /** Adam learning rate (default 0.01, CARLA). */
  lr: number;
  /** Step cap (default 1000; CARLA has only a 30 s budget). */
  maxIter: number;
  /**
   * Stopping rule: 'robust' (default) stops a row at its first iterate the surrogate classifies positive under
   * every shift in the δ_max-ball (worst-case logit > 0) — SCFE's rule under the worst-case model, so δ_max = 0
   * is exactly SCFE; 'converged' is CARLA's rule, |Δloss| ≤ lossThreshold, which has no validity test and
   * stops at once when the loss is flat (e.g. binary columns that have not flipped yet).
   */
  stop: 'robust' | 'converged';
  /** Loss-change threshold of the 'converged' rule (default 1e-3, CARLA). */
  lossThreshold: number;
  /** Distance: 'l1' (default, ROAR), 'l2' or 'l2sq'. */
  norm: CostNorm;
  /** AMSGrad (default true, CARLA; the ROAR repository uses plain Adam). */
  amsgrad: boolean;
  /** 'auto' (default): the model's own weights when it is linear, else a LIME surrogate; 'lime' forces the surrogate. */
  surrogate: 'auto' | 'lime';
  /** LIME samples per factual (default 5000). */
  limeSamples: number;
  /** LIME kernel width in standardised units; 0 = 0.75·√d (default). */
  limeKernelWidth: number;
  /** LIME ridge penalty (default 1). */
  limeRidge: number;
  seed: number;
}

export const ROAR_DEFAULTS: RoarOptions = {
  deltaMax: 0.1, lambda: 0.1, lr: 0.01, maxIter: 1000, stop: 'robust', lossThreshold: 1e-3, norm: 'l1', amsgrad: true,
  surrogate: 'auto', limeSamples: 5000, limeKernelWidth: 0, limeRidge: 1, seed: 0,
};

export interface RoarResult extends RecourseResult {
  /** Per factual: the surrogate's worst-case logit θᵀx̄′ − δ_max(‖x′‖₁ + 1) at the returned point. */
  readonly worstCaseLogits: number[];
  /** Per factual: valid under every shift of the surrogate within δ_max (worst-case logit > 0). */
  readonly robustValid: boolean[];
  /** The surrogates used (W row-major n×d, b per factual). */
  readonly surrogates: LinearSurrogates;
}

/**
 * The exact inner maximisation of ROAR for a logistic model and target class 1 (spec §4.2): BCE is
 * decreasing in the score, so the worst shift of (w, b) in the ℓ∞ ball lowers the score as far as possible:
 * δ_w = −δ_max·sign(x′), δ_b = −δ_max, worst logit = wᵀx′ + b − δ_max(‖x′‖₁ + 1). No LP solver needed.
 */
export function roarInnerMax(w: ArrayLike<number>, b: number, x: ArrayLike<number>, deltaMax: number): { deltaW: Float64Array; deltaB: number; worstLogit: number } {
  check(deltaMax >= 0, `deltaMax must be ≥ 0; got ${deltaMax}`);
  const deltaW = Float64Array.from(x, (v) => -deltaMax * Math.sign(v));
  let worst = b - deltaMax;
  for (let j = 0; j < x.length; j++) worst += (w[j] + deltaW[j]) * x[j];
  return { deltaW, deltaB: -deltaMax, worstLogit: worst };
}

/**
 * ROAR's objective per row with the inner maximum in closed form: BCE(σ(worst logit), 1) + λ·d(x′, x),
 * worst logit = W_i·x̃ + b_i − δ_max(‖x̃‖₁ + 1). With δ_max = 0 and the model's own weights this is SCFE's
 * BCE objective. W is [n, d], b is [n].
 */
export function roarObjective(W: tf.Tensor2D, b: tf.Tensor1D, xt: tf.Tensor2D, xv: tf.Tensor2D, x0: tf.Tensor2D,
  deltaMax: number, lambda: number, norm: CostNorm): { loss: tf.Tensor1D; logit: tf.Tensor1D } {
  return tf.tidy(() => {
    const score = tf.add(tf.sum(tf.mul(W, xt), 1), b);
    const logit = tf.sub(score, tf.mul(tf.add(tf.sum(tf.abs(xt), 1), 1), deltaMax)) as tf.Tensor1D;
    const loss = tf.add(tf.softplus(tf.neg(logit)), tf.mul(rowDistance(xv, x0, norm), lambda)) as tf.Tensor1D;
    return { loss, logit };
  });
}

function checkRoarOptions(o: RoarOptions): void {
  opt.nonNegative('roar', 'deltaMax', o.deltaMax);
  opt.nonNegative('roar', 'lambda', o.lambda);
  opt.positive('roar', 'lr', o.lr);
  opt.positiveInt('roar', 'maxIter', o.maxIter);
  opt.oneOf('roar', 'stop', o.stop, ['robust', 'converged']);
  opt.nonNegative('roar', 'lossThreshold', o.lossThreshold);
  opt.oneOf('roar', 'norm', o.norm, COST_NORMS);
  opt.oneOf('roar', 'surrogate', o.surrogate, ['auto', 'lime']);
  opt.positiveInt('roar', 'limeSamples', o.limeSamples);
  opt.nonNegative('roar', 'limeKernelWidth', o.limeKernelWidth);
  opt.nonNegative('roar', 'limeRidge', o.limeRidge);
  opt.integer('roar', 'seed', o.seed);
}

/** The linear model(s) ROAR robustifies against: the model itself when linear, else one LIME fit per factual. */
function surrogatesFor(model: Classifier, factuals: Matrix, o: RoarOptions, context: RecourseContext): LinearSurrogates {
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
  return limeSurrogates(model, factuals, context.train, { samples: o.limeSamples, kernelWidth: o.limeKernelWidth, ridge: o.limeRidge, seed: o.seed });
}

/**
 * ROAR (Upadhyay, Joshi & Lakkaraju 2021; CARLA `roar`), batched: minimise over x′ the worst case over
 * ℓ∞-shifts δ of the (surrogate) logistic model of BCE + λ·d(x′, x), with the inner maximum in closed form
 * (roarInnerMax), Adam(AMSGrad), each row stopping at its first iterate valid under every shift (or, with
 * stop: 'converged', CARLA's loss-change rule) or at maxIter. Validity (`found`) is judged by the real model.
 * Differences from CARLA: the stopping rule, clamp to [0,1], immutables fixed, binary/one-hot columns can
 * change (straight-through), the LIME surrogate models the logit in input units (CARLA mixes units, §4.4).
 */
export const roar: RecourseMethod<RoarOptions, RoarResult> = {
  name: 'roar',
  summary: 'ROAR: recourse robust to ℓ∞ weight shifts (closed-form inner max; LIME surrogate for MLPs)',
  defaults: ROAR_DEFAULTS,
  async generate(model: Classifier, factuals: Matrix, options: Partial<RoarOptions> = {}, context: RecourseContext = {}): Promise<RoarResult> {
    const o = mergeOptions('roar', ROAR_DEFAULTS, options);
    checkRoarOptions(o);
    checkFactuals(model, factuals);
    const layout = featureLayout(factuals.cols, context.spec);
    const { rows: n, cols: d } = factuals;
    const t0 = performance.now();
    const sur = surrogatesFor(model, factuals, o, context);
    const surSeconds = (performance.now() - t0) / 1000;
    const W = tf.tensor2d(Float32Array.from(sur.W), [n, d]);
    const b = tf.tensor1d(Float32Array.from(sur.b));
    const run = gradientSearch({
      factuals, layout, lr: o.lr, amsgrad: o.amsgrad, maxIter: o.maxIter, rounds: 1, stop: o.stop === 'robust' ? 'valid' : 'converged',
      lossThreshold: o.lossThreshold, clamp: true, project: true, updateMask: layout.mutable,
      objective: (xt, xv, x0) => roarObjective(W, b, xt, xv, x0, o.deltaMax, o.lambda, o.norm),
    });
    W.dispose();
    b.dispose();
    const alreadyPositive = Array.from(logitsOf(model, factuals), (v) => v > 0);
    // an already-positive factual needs no recourse: return it unchanged, as every method does
    const out = run.points;
    alreadyPositive.forEach((p, i) => p && out.data.set(factuals.data.subarray(i * d, (i + 1) * d), i * d));
    const worstCaseLogits = Array.from({ length: n }, (_, i) =>
      roarInnerMax(sur.W.subarray(i * d, (i + 1) * d), sur.b[i], out.data.subarray(i * d, (i + 1) * d), o.deltaMax).worstLogit);
    const z = logitsOf(model, out);
    return {
      method: 'roar', counterfactuals: out, found: Array.from(z, (v) => v > 0), alreadyPositive,
      iterations: run.iterations.map((it, i) => (alreadyPositive[i] ? 0 : it)),
      seconds: run.seconds.map((s) => s + surSeconds), totalSeconds: run.totalSeconds + surSeconds,
      worstCaseLogits, robustValid: worstCaseLogits.map((v) => v > 0), surrogates: sur,
    };
  },
};
