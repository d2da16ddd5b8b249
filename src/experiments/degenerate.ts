/**
 * Degenerate models (one class for ≥ 99 % of the test set) in verdicts: which models of a scope are
 * degenerate and which class they predict, and whether a verdict changes when their grid points are dropped.
 */
import type { ModelSummaryRow } from './results';

const pct = (v: number) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;

/** One phrase per degenerate model row, e.g. "ε = 0.3 (1 of 1 seeds; predicts positive for 0.0 % of test points)". */
export function describeDegenerate(rows: readonly ModelSummaryRow[], label: (m: ModelSummaryRow) => string = (m) => `ε = ${m.eps}`): string {
  return rows.filter((m) => m.degenerateSeeds > 0)
    .map((m) => `${label(m)} (${m.degenerateSeeds} of ${m.seeds} seeds; predicts positive for ${pct(m.positiveRateMean)} of test points)`).join(', ');
}

/** The note for a verdict that changes when the degenerate grid points are dropped, else ''. */
export function degenerateNote(verdict: string, withoutDegenerate: string, which: string): string {
  return verdict === withoutDegenerate ? '' : `without the grid points whose model is degenerate — ${which || 'see the table'} — the verdict would be **${withoutDegenerate}** instead of ${verdict}.`;
}
