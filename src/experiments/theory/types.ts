/** The result of one theory run: every applicable statement measured per test instance, with typed facts. */
import type { FactualSelection } from '../../metrics/factuals';
import type { ScfeOptions } from '../../recourse/index';
import type { LemmaN, StatementResult, Theorem3ChainSummary } from '../../theory/index';
import type { LrPairWeights } from './lr-pair';
import type { CchvaeSettings } from './measure-cchvae';

export type TheoryModel = 'lr' | 'ntk';
export const THEORY_MODELS: readonly TheoryModel[] = ['lr', 'ntk'];

/** Facts of either pair. */
export interface PairFacts {
  readonly accuracyNR: number;
  readonly accuracyR: number;
  readonly positiveRateNR: number;
  readonly positiveRateR: number;
  /** Shares of factuals where SCFE found a valid recourse. */
  readonly scfeFoundNR: number;
  readonly scfeFoundR: number;
  /** SCFE's λ and target logit s (they enter the bounds and closed forms). */
  readonly lambda: number;
  readonly targetLogit: number;
  /** Test points both models predict negative (before the cap n). */
  readonly eligible: number;
}

export interface LrFacts extends PairFacts {
  /** A model predicting one class for ≥ 99% of the test set. */
  readonly degenerateNR: boolean;
  readonly degenerateR: boolean;
  readonly weightGap: number;
  readonly wNrNorm: number;
  readonly wRNorm: number;
  readonly biasGap: number;
  /** N under the primary reading, η, N·η, and the reading. */
  readonly N: number;
  readonly eta: number;
  readonly nEta: number;
  readonly nMeaning: LemmaN;
  readonly deltaTrain: number;
  /** Median Lemma 1 Δ over the factuals: ℓ∞ ball (checked, ε√d) and the text's ℓ2 ball (ε). */
  readonly deltaMedianLinf: number;
  readonly deltaMedianL2: number;
}

export interface NtkFacts extends PairFacts {
  readonly deltaK: number;
  readonly beta: number;
  readonly trainSubsample: number;
  readonly weightGap: number;
  /** Mean ℓ∞ and ℓ2 displacement of X_R from X. */
  readonly meanLinf: number;
  readonly meanL2: number;
}

interface RunBase {
  readonly dataset: string;
  readonly eps: number;
  readonly factuals: FactualSelection;
  readonly statements: StatementResult[];
  /** Theorem 3's chain per instance (null when C-CHVAE was skipped). */
  readonly theorem3Chain: Theorem3ChainSummary | null;
  /** Statements not measured, with the reason (never silently dropped). */
  readonly pending: string[];
}

export type LrTheoryRun = RunBase & { readonly model: 'lr'; readonly facts: LrFacts; readonly weights: LrPairWeights };
export type NtkTheoryRun = RunBase & { readonly model: 'ntk'; readonly facts: NtkFacts };
export type TheoryRun = LrTheoryRun | NtkTheoryRun;

/** Options shared by the LR and NTK runs. */
export interface TheoryRunOptions {
  /** Robust training radius ε. */
  eps: number;
  /** Test instances to check. */
  n: number;
  seed: number;
  /** SCFE options (λ and the target logit s also enter the bounds and closed forms). */
  scfe?: Partial<ScfeOptions>;
  /** C-CHVAE settings for Theorem 3; `false` skips it. */
  cchvae?: CchvaeSettings | false;
  onProgress?: (msg: string) => void;
}

export const SKIPPED_THEOREM3 = 'theorem3: skipped (C-CHVAE turned off for this run)';

/** Runs in steps: `beginStep` is awaited before each pair or ε (notebookSteps shows progress and stops there). */
export interface Stepped {
  readonly beginStep?: (label: string) => Promise<void>;
}
