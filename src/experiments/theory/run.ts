/** Dispatch of a theory run by model kind. */
import type { Dataset } from '../../data/types';
import { check } from '../../util/errors';
import { runLrTheory, type LrTheoryOptions } from './run-lr';
import { runNtkTheory, type NtkTheoryOptions } from './run-ntk';
import { THEORY_MODELS, type TheoryRun } from './types';

/** The options of one Section 4 check: an LR pair or an NTK pair, with its dataset size, ε and seed. */
export type TheoryOptions = ({ model: 'lr' } & LrTheoryOptions) | ({ model: 'ntk' } & NtkTheoryOptions);

/** Runs the checks that apply to `model` ('lr': Lemma 1, Thms 1, 3, 4; 'ntk': Thm 2, Lemma 2, Thms 3, 5). */
export async function runTheory(ds: Dataset, o: TheoryOptions): Promise<TheoryRun> {
  check(THEORY_MODELS.includes(o.model), `unknown theory model '${o.model}'; choose lr or ntk`);
  return o.model === 'lr' ? runLrTheory(ds, o) : runNtkTheory(ds, o);
}
