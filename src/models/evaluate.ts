import type { Split } from '../data/types';
import { linearWorstCase, pgdAttack } from './attack';
import type { Net } from './net';

/** The attack radius a model's adversarial accuracy is measured at: the one asked for (a run's evalEps), else its training ε, or 0.1 for an ERM model. */
export const evaluationRadius = (trainEps: number, asked?: number): number => asked ?? (trainEps > 0 ? trainEps : 0.1);

/** A model's clean and adversarial accuracy, positive rate and whether it is degenerate. */
export interface ModelMetrics {
  /** Clean test accuracy. */
  accuracy: number;
  /** Test accuracy under ℓ∞ PGD (20 steps) at the evaluation ε. */
  advAccuracy: number;
  /** For linear models: accuracy at the exact worst case (equals advAccuracy up to 1/n). */
  exactAdvAccuracy: number | null;
  /** ε used for the adversarial numbers (in the model's ε units). */
  evalEps: number;
  /** Share of test points predicted positive. */
  positiveRate: number;
  /** True when one class gets ≥ 99% of the test predictions (robust training can do this). */
  degenerate: boolean;
}

/** Share of predictions (0/1) equal to the labels. */
export function accuracy(pred: Float32Array, y: Float32Array): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) c += pred[i] === y[i] ? 1 : 0;
  return c / y.length;
}

/** A model is degenerate when it predicts one class for at least `threshold` of the points. */
export function isDegenerate(pred: Float32Array, threshold = 0.99): boolean {
  let pos = 0;
  for (const p of pred) pos += p;
  return isDegenerateRate(pos / pred.length, threshold);
}

/** The same rule from a model's positive rate (share of points predicted positive). */
export function isDegenerateRate(positiveRate: number, threshold = 0.99): boolean {
  return positiveRate >= threshold || positiveRate <= 1 - threshold;
}

/** Clean, PGD and (for LR) exact worst-case accuracy on a split. */
export function evaluateModel(
  net: Net,
  split: Split,
  evalEps: number,
  opts: { pgdSteps?: number; seed?: number; radiusScale?: Float32Array | null } = {},
): ModelMetrics {
  const pred = net.predict(split.x);
  const acc = accuracy(pred, split.y);
  let adv = acc;
  let exact: number | null = null;
  const lin = net.linear();
  if (evalEps > 0) {
    const xa = pgdAttack(net, split.x, split.y, { eps: evalEps, steps: opts.pgdSteps ?? 20, seed: opts.seed ?? 0, scale: opts.radiusScale ?? null });
    adv = accuracy(net.predict(xa), split.y);
  }
  if (lin) exact = accuracy(net.predict(linearWorstCase(lin.w, split.x, split.y, evalEps, opts.radiusScale ?? null)), split.y);
  let pos = 0;
  for (const p of pred) pos += p;
  return { accuracy: acc, advAccuracy: adv, exactAdvAccuracy: exact, evalEps, positiveRate: pos / pred.length, degenerate: isDegenerate(pred) };
}
