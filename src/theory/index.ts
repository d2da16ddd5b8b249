/**
 * Theory checks of Section 4: every lemma and theorem measured per test instance against its bound,
 * with verdicts (holds / violated / vacuous). `runTheory` runs everything that applies to a model kind.
 */
import type { Dataset } from '../data/types';
import { check } from '../util/errors';
import { runLrTheory, type LrTheoryOptions } from './run-lr';
import { runNtkTheory, type NtkTheoryOptions } from './run-ntk';
import type { TheoryModel, TheoryRun } from './types';

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

export const THEORY_MODELS: readonly TheoryModel[] = ['lr', 'ntk'];

export type TheoryOptions = ({ model: 'lr' } & LrTheoryOptions) | ({ model: 'ntk' } & NtkTheoryOptions);

/** Runs the checks that apply to `model` ('lr': Lemma 1, Thms 1, 3, 4; 'ntk': Thm 2, Lemma 2, Thms 3, 5). */
export async function runTheory(ds: Dataset, o: TheoryOptions): Promise<TheoryRun> {
  check(THEORY_MODELS.includes(o.model), `unknown theory model '${o.model}'; choose lr or ntk`);
  return o.model === 'lr' ? runLrTheory(ds, o) : runNtkTheory(ds, o);
}
