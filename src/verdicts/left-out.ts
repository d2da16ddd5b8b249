/**
 * Degenerate models (one class for ≥ 99 % of the test set) in scope verdicts. Every verdict leaves out the
 * grid points where some seed's model is degenerate (a collapsed model's validity or accuracy says nothing
 * about recourse); these helpers record which models were left out and the verdict with them kept.
 */
import type { ModelSummaryRow } from '../experiments/results';
import type { VerdictValue } from './claims';
import type { LeftOut, LeftOutModel } from './scope';

/** The degenerate rows among `rows`, placed on the axis a verdict judges. */
export function leftOutModels(
  rows: readonly ModelSummaryRow[],
  at: (m: ModelSummaryRow) => LeftOutModel['at'] = (m) => ({ axis: 'eps', value: m.eps }),
): LeftOutModel[] {
  return rows
    .filter((m) => m.degenerateSeeds > 0)
    .map((m) => ({ at: at(m), seeds: m.seeds, degenerateSeeds: m.degenerateSeeds, positiveRate: m.positiveRateMean }));
}

/** What a verdict left out (null when nothing was): the models, else the ε values, and the verdict with them. */
export function leftOut(models: readonly LeftOutModel[], eps: readonly number[], withThem: VerdictValue): LeftOut | null {
  return models.length || eps.length ? { models, eps, withThem } : null;
}
