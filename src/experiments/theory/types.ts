/** The result of one `recourse theory` run: every applicable statement, measured per test instance. */
import type { ScfeOptions } from '../../recourse/index';
import type { Factuals } from '../../theory/factuals';
import type { CchvaeSettings } from './run-cchvae';
import type { StatementResult } from '../../theory/verdict';

export type TheoryModel = 'lr' | 'ntk';

export interface TheoryRun {
  readonly dataset: string;
  readonly model: TheoryModel;
  readonly eps: number;
  readonly factuals: Factuals;
  readonly statements: StatementResult[];
  /** Statements that could not be measured, with the reason (never silently dropped). */
  readonly pending: string[];
  /** Numbers needed to interpret the verdicts (accuracies, degeneracy, found rates, N, η, β, ...). */
  readonly facts: Record<string, number | string | boolean>;
}

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
