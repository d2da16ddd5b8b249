/**
 * Options of the theory runs with their defaults and rules: the LR pair, the NTK pair, and the run itself.
 * Loads no tfjs, so the `recourse theory` flags take their defaults and checks from here.
 */
import { TRAIN_RULES } from '../../models/options';
import type { LemmaN } from '../../theory/statement';
import type { OptionRules } from '../../util/options';

export interface LrPairOptions {
  /** Robust training radius ε (ℓ∞, features in [0,1]). */
  eps: number;
  seed: number;
  /** SGD learning rate η (default 0.5). */
  learningRate: number;
  /** Epochs (0 = the trainer's automatic number of updates). */
  epochs: number;
  batchSize: number;
  /** `lr` (PGD adversarial training) or `lr-closed` (the eq. 16 objective the proof uses). */
  kind: 'lr' | 'lr-closed';
  /** Use the model cache (default true). */
  cache: boolean;
}

export const DEFAULT_LR_PAIR: LrPairOptions = { eps: 0.3, seed: 0, learningRate: 0.5, epochs: 0, batchSize: 256, kind: 'lr', cache: true };

export const LR_PAIR_RULES: OptionRules<LrPairOptions> = {
  eps: TRAIN_RULES.eps,
  seed: TRAIN_RULES.seed,
  learningRate: { ...TRAIN_RULES.learningRate, help: 'SGD learning rate η', source: 'project' },
  epochs: TRAIN_RULES.epochs,
  batchSize: TRAIN_RULES.batchSize,
  kind: { type: 'enum', values: ['lr', 'lr-closed'], help: "'lr' (PGD adversarial training) or 'lr-closed' (the eq. 16 objective the proof uses)" },
  cache: { type: 'boolean', help: 'use the model cache' },
};

export interface NtkPairOptions {
  eps: number;
  /** Training subsample size (default 500). */
  n: number;
  /** Ridge β of K + βI (default 1). */
  beta: number;
  seed: number;
  /** PGD steps for X_R (default 20). */
  pgdSteps: number;
}

export const DEFAULT_NTK_PAIR: NtkPairOptions = { eps: 0.1, n: 500, beta: 1, seed: 0, pgdSteps: 20 };

export const NTK_PAIR_RULES: OptionRules<NtkPairOptions> = {
  eps: { ...TRAIN_RULES.eps, help: 'ℓ∞ radius of the PGD that makes X_R (0 = X)' },
  n: { type: 'number', integer: true, min: 1, max: 10_000, help: 'NTK training subsample size', note: 'the kernel matrix grows with its square' },
  beta: { type: 'number', above: 0, max: 1e6, help: 'NTK ridge β > 0 in (K + βI)⁻¹Y', note: 'it makes K + βI invertible' },
  seed: { ...TRAIN_RULES.seed, help: 'seed of the subsample and of PGD' },
  pgdSteps: { ...TRAIN_RULES.pgdSteps, help: 'PGD steps for X_R' },
};

/** Defaults of a theory run besides its pair's: test instances checked, and the reading of N whose Δ enters Theorems 1 and 4. */
export const DEFAULT_THEORY_RUN: { readonly n: number; readonly lemmaN: LemmaN } = { n: 500, lemmaN: 'steps' };
