import { check, checkEpsilon, checkNonNegative, checkPositiveInt, RecourseError } from '../util/errors';
import { MODEL_KINDS, type ModelKind } from './types';

/** Everything that determines a trained model. Same options + same data → identical weights. */
export interface TrainOptions {
  /** `lr` (PGD), `lr-closed` (eq. 16 closed form) or `mlp` (PGD). */
  kind: ModelKind;
  /** ℓ∞ training radius on [0,1]-scaled features; 0 = ERM. Default 0. */
  eps: number;
  /** Seed of initial weights, shuffling and PGD random starts. Default 0. */
  seed: number;
  /** Hidden layers of the MLP (default 1, the paper's two linear layers). */
  depth: number;
  /** Hidden width of the MLP (default 2 × input dimension, as in §5.1). 0 = default. */
  width: number;
  /** `adam` (default) or `sgd` (plain minibatch gradient descent, the setting of Lemma 1). */
  optimizer: 'adam' | 'sgd';
  /** Learning rate (default 0.01 for Adam; use ≈ 0.5 with sgd). */
  learningRate: number;
  /** Minibatch size (default 256). */
  batchSize: number;
  /** Epochs; 0 = automatic: enough for ≈ 6000 optimiser steps, between 10 and 300 epochs. */
  epochs: number;
  /** PGD steps k during training (default 7). */
  pgdSteps: number;
  /** PGD step α; 0 = automatic 2.5·ε/k. */
  pgdStepSize: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  kind: 'lr', eps: 0, seed: 0, depth: 1, width: 0, optimizer: 'adam', learningRate: 0.01,
  batchSize: 256, epochs: 0, pgdSteps: 7, pgdStepSize: 0,
};

/** The default ε grid of the paper (§5.1). */
export const EPS_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3] as const;

/** Fills defaults and validates; bad values get an error that names the option. */
export function resolveTrainOptions(o: Partial<TrainOptions>): TrainOptions {
  const r = { ...DEFAULT_TRAIN_OPTIONS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as TrainOptions;
  if (!MODEL_KINDS.includes(r.kind)) throw new RecourseError(`unknown model '${r.kind}'; choose one of ${MODEL_KINDS.join(', ')}`);
  checkEpsilon(r.eps);
  check(Number.isInteger(r.seed), `seed must be an integer; got ${r.seed}`);
  checkPositiveInt(r.depth, 'depth');
  check(Number.isInteger(r.width) && r.width >= 0, `width must be a non-negative integer (0 = 2 × input dimension); got ${r.width}`);
  check(r.optimizer === 'adam' || r.optimizer === 'sgd', `optimizer must be 'adam' or 'sgd'; got ${r.optimizer}`);
  check(checkNonNegative(r.learningRate, 'learningRate') > 0, 'learningRate must be > 0');
  checkPositiveInt(r.batchSize, 'batchSize');
  check(Number.isInteger(r.epochs) && r.epochs >= 0, `epochs must be a non-negative integer (0 = automatic); got ${r.epochs}`);
  check(Number.isInteger(r.pgdSteps) && r.pgdSteps >= 1, `pgdSteps must be a positive integer; got ${r.pgdSteps}`);
  checkNonNegative(r.pgdStepSize, 'pgdStepSize');
  return r;
}

/** Epoch count actually used for n training rows. */
export function effectiveEpochs(o: TrainOptions, n: number): number {
  if (o.epochs > 0) return o.epochs;
  const stepsPerEpoch = Math.ceil(n / o.batchSize);
  return Math.min(300, Math.max(10, Math.ceil(6000 / stepsPerEpoch)));
}

/** True when training at these options runs PGD (lr / mlp at ε > 0). */
export function usesPgd(o: TrainOptions): boolean {
  return o.kind !== 'lr-closed' && o.eps > 0;
}

/** PGD step α of the options (the explicit one, or 2.5·ε/k). */
export function pgdAlpha(o: TrainOptions): number {
  return o.pgdStepSize || (2.5 * o.eps) / o.pgdSteps;
}
