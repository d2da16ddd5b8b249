import { resolveOptions, type OptionRules } from '../util/options';
import { MODEL_KINDS, type ModelKind } from './types';

/** Everything that determines a trained model. Same options + same data → identical weights. */
export interface TrainOptions {
  /** `lr` (PGD), `lr-closed` (eq. 16 closed form) or `mlp` (PGD). */
  kind: ModelKind;
  /** ℓ∞ training radius on [0,1]-scaled features; 0 = ERM. */
  eps: number;
  /** Seed of initial weights, shuffling and PGD random starts. */
  seed: number;
  /** Hidden layers of the MLP. */
  depth: number;
  /** Hidden width of the MLP; 0 = 2 × input dimension (§5.1). */
  width: number;
  /** `adam` or `sgd` (plain minibatch gradient descent, the setting of Lemma 1). */
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  batchSize: number;
  /** Epochs; 0 = automatic: enough for ≈ 6000 optimiser steps, between 10 and 300 epochs. */
  epochs: number;
  /** PGD steps k during training. */
  pgdSteps: number;
  /** PGD step α; 0 = automatic 2.5·ε/k. */
  pgdStepSize: number;
  /** 'fixed': train for the whole budget; 'selected': hold out a validation split and keep the epoch with the best validation loss. */
  protocol: 'fixed' | 'selected';
  /** Share of the training rows held out for validation by the 'selected' protocol. */
  validationShare: number;
  /** 'none', or 'balanced': each class weighs n / (2·n_class) in the loss. */
  classWeight: 'none' | 'balanced';
  /** Units of ε: 'minmax' (the [0,1]-scaled features, the paper's), or 'std': feature j's radius is ε·σⱼ, σⱼ its training standard deviation. */
  epsUnits: 'minmax' | 'std';
}

/** Largest sizes a caller may ask for: beyond them a run would exhaust memory or never end on a workstation. */
export const TRAIN_LIMITS = { depth: 16, width: 4096, batchSize: 1_000_000, epochs: 100_000, pgdSteps: 1000 } as const;

/** The training options a model gets for every field left out. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  kind: 'lr',
  eps: 0,
  seed: 0,
  depth: 1,
  width: 0,
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 256,
  epochs: 0,
  pgdSteps: 7,
  pgdStepSize: 0,
  protocol: 'fixed',
  validationShare: 0.2,
  classWeight: 'none',
  epsUnits: 'minmax',
};

/** The rule each training option is checked against. */
export const TRAIN_RULES: OptionRules<TrainOptions> = {
  kind: { type: 'enum', values: MODEL_KINDS, help: 'model: lr (PGD), lr-closed (eq. 16 closed-form robust loss) or mlp (PGD)' },
  eps: { type: 'number', min: 0, max: 1, help: 'ℓ∞ training radius (0 = ERM)', note: 'features are scaled to [0, 1]' },
  seed: { type: 'number', integer: true, help: 'seed of initialisation, shuffling and PGD starts' },
  depth: { type: 'number', integer: true, min: 1, max: TRAIN_LIMITS.depth, help: 'MLP hidden layers', source: 'paper §5.1 (two linear layers)' },
  width: { type: 'number', integer: true, min: 0, max: TRAIN_LIMITS.width, help: 'MLP hidden width (0 = 2 × input dimension)', source: 'paper §5.1' },
  optimizer: { type: 'enum', values: ['adam', 'sgd'], help: 'optimiser (sgd is the setting of Lemma 1)' },
  learningRate: { type: 'number', above: 0, max: 100, help: 'learning rate', source: 'project' },
  batchSize: { type: 'number', integer: true, min: 1, max: TRAIN_LIMITS.batchSize, help: 'minibatch size', source: 'project' },
  epochs: { type: 'number', integer: true, min: 0, max: TRAIN_LIMITS.epochs, help: 'epochs (0 = automatic, ≈ 6000 optimiser steps)' },
  pgdSteps: {
    type: 'number',
    integer: true,
    min: 1,
    max: TRAIN_LIMITS.pgdSteps,
    help: 'PGD steps k during adversarial training',
    source: 'Madry et al. 2017 (k = 7)',
  },
  pgdStepSize: { type: 'number', min: 0, max: 1, help: 'PGD step α (0 = 2.5·ε/k)', source: 'Madry et al. 2017' },
  protocol: {
    type: 'enum',
    values: ['fixed', 'selected'],
    help: "'fixed' budget, or 'selected': keep the epoch with the best validation loss",
    source: 'project',
  },
  validationShare: { type: 'number', above: 0, max: 0.5, help: "share of training rows held out by the 'selected' protocol", source: 'project' },
  classWeight: {
    type: 'enum',
    values: ['none', 'balanced'],
    help: "'balanced' weighs each class by n / (2·n_class) in the loss",
    source: "project (scikit-learn's balanced rule)",
  },
  epsUnits: {
    type: 'enum',
    values: ['minmax', 'std'],
    help: "units of ε: 'minmax' ([0,1]-scaled features) or 'std' (feature j's radius ε·σⱼ, σⱼ its training standard deviation)",
    source: 'project',
  },
};

/** The options as keys and model files store them: epsUnits is left out at its default, so models trained before it existed keep their keys. */
export function storedOptions(o: TrainOptions): Omit<TrainOptions, 'epsUnits'> & { epsUnits?: 'std' } {
  const { epsUnits, ...rest } = o;
  return epsUnits === 'std' ? { ...rest, epsUnits } : rest;
}

/** The default ε grid of the paper (§5.1). */
export const EPS_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3] as const;

/** Fills defaults and validates; bad values get an error that names the option. */
export function resolveTrainOptions(o: Partial<TrainOptions>): TrainOptions {
  return resolveOptions('train', DEFAULT_TRAIN_OPTIONS, TRAIN_RULES, o);
}

/** The project's automatic epoch rule: enough epochs for ≈ `steps` optimiser updates, between 10 and 300. */
export function autoEpochs(rows: number, batchSize: number, steps: number): number {
  return Math.min(300, Math.max(10, Math.ceil(steps / Math.ceil(rows / batchSize))));
}

/** Epoch count actually used for n training rows. */
export function effectiveEpochs(o: TrainOptions, n: number): number {
  return o.epochs > 0 ? o.epochs : autoEpochs(n, o.batchSize, 6000);
}

/** True when training at these options runs PGD (lr / mlp at ε > 0). */
export function usesPgd(o: TrainOptions): boolean {
  return o.kind !== 'lr-closed' && o.eps > 0;
}

/** PGD step α of the options (the explicit one, or 2.5·ε/k). */
export function pgdAlpha(o: TrainOptions): number {
  return o.pgdStepSize || (2.5 * o.eps) / o.pgdSteps;
}
