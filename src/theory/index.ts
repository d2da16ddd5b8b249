/**
 * Theory checks of Section 4: every lemma and theorem measured per test instance against its bound,
 * with verdicts (holds / violated / vacuous). `runTheory` runs everything that applies to a model kind.
 */
export * from './bounds';
export * from './verdict';
export * from './types';
export * from './linalg';
export * from './ntk-kernel';
export * from './ntk-tensor';
export * from './ntk-model';
export * from './ntk-pair';
export * from './lr-pair';
export * from './factuals';
export * from './cost-diff';
export * from './lemma1';
export * from './theorem1';
export * from './theorem2';
export * from './theorem3';
export * from './lemma2';
export * from './validity';
export * from './report';
export { runLrTheory, type LrTheoryOptions } from './run-lr';
export { runNtkTheory, type NtkTheoryOptions } from './run-ntk';
export * from './run';
export * from './sweeps';
export * from './figures';
