/**
 * Theory checks of Section 4: every lemma and theorem measured per test instance against its bound,
 * with verdicts (holds / violated / vacuous). `runTheory` runs everything that applies to a model kind.
 */
export * from './bounds';
export * from './verdict';
export * from '../experiments/theory/types';
export * from '../util/linalg';
export * from '../models/ntk/kernel';
export * from '../models/ntk/kernel-tensor';
export * from '../models/ntk/model';
export * from '../experiments/theory/ntk-pair';
export * from '../experiments/theory/lr-pair';
export * from './factuals';
export * from './cost-diff';
export * from './lemma1';
export * from './theorem1';
export * from './theorem2';
export * from './theorem3';
export * from './lemma2';
export * from './validity';
export * from './report';
export { runLrTheory, type LrTheoryOptions } from '../experiments/theory/run-lr';
export { runNtkTheory, type NtkTheoryOptions } from '../experiments/theory/run-ntk';
export * from '../experiments/theory/run';
export * from '../experiments/theory/sweeps';
export * from '../figures/theory';
