/**
 * Degenerate models (one class for ≥ 99 % of the test set) in verdicts. Every verdict leaves out the grid
 * points where some seed's model is degenerate (a collapsed model's validity or accuracy says nothing about
 * recourse); these helpers name the models left out, which class they predict, and the verdict if kept.
 */
import type { ModelSummaryRow } from './results';

const pct = (v: number) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;

/** One phrase per degenerate model row, e.g. "ε = 0.3 (1 of 1 seeds; predicts positive for 0.0 % of test points)". */
export function describeDegenerate(rows: readonly ModelSummaryRow[], label: (m: ModelSummaryRow) => string = (m) => `ε = ${m.eps}`): string {
  return rows.filter((m) => m.degenerateSeeds > 0)
    .map((m) => `${label(m)} (${m.degenerateSeeds} of ${m.seeds} seeds; predicts positive for ${pct(m.positiveRateMean)} of test points)`).join(', ');
}

/** The note on a verdict computed without degenerate grid points: which were left out and the verdict with them ('' when none was). */
export function degenerateNote(without: string, withThem: string, which: string): string {
  if (!which) return '';
  return `left out: ${which}; with them the verdict ${withThem === without ? 'is the same' : `would be **${withThem}** instead of ${without}`}.`;
}
