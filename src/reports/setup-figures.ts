/**
 * Figures per setup: a figure function applied to each setup's rows of a run, so setup variants show side
 * by side (one figure each, the setup in the title), and file names for exporting them.
 */
import type { FigureTables } from '../figures/paper';
import type { Figure } from '../figures/plotly';
import { trainedBy } from '../experiments/setups';
import { figureTables } from './outputs';
import type { RunResult } from '../experiments/runner';

export interface SetupFigure {
  readonly setup: string;
  readonly figure: Figure;
}

function withTitleSuffix(f: Figure, suffix: string): Figure {
  const t = f.layout?.title;
  const text = typeof t === 'string' ? t : (t?.text ?? '');
  return { ...f, layout: { ...f.layout, title: { ...(typeof t === 'object' ? t : {}), text: text + suffix } } };
}

/** `make` on each setup's rows (recourse rows of the setup, models trained the way it trains); one figure when the run has one setup. Figures without data are left out. */
export function figuresBySetup(r: RunResult, make: (t: FigureTables) => Figure | null): SetupFigure[] {
  const t = figureTables(r);
  const setups = [...new Set(t.summary.map((s) => s.setup))];
  if (setups.length <= 1) {
    const f = make(t);
    return f ? [{ setup: setups[0] ?? 'default', figure: f }] : [];
  }
  return setups.flatMap((setup) => {
    const f = make(figureTables({ ...r, summary: r.summary.filter((s) => s.setup === setup), models: r.models.filter((m) => trainedBy(m, setup)) }));
    return f ? [{ setup, figure: withTitleSuffix(f, ` — setup ${setup}`) }] : [];
  });
}

/** File names for export: `base` for a single figure, `base-<setup>` for one per setup. */
export function figureFiles(base: string, figs: readonly SetupFigure[]): Record<string, Figure> {
  return Object.fromEntries(figs.map((f) => [figs.length > 1 ? `${base}-${f.setup}` : base, f.figure]));
}
