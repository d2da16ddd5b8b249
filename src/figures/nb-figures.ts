/** Notebook display of a list of figures: each inline, or one markdown line saying why there is none. */
import { showMarkdown, showPlotly } from './nb';
import type { Figure } from './plotly';

/** Shows every figure inline; when the list is empty, shows `whenEmpty` (e.g. which grid points are missing). */
export function showFigures(figs: readonly { readonly figure: Figure }[], whenEmpty: string): void {
  if (!figs.length) showMarkdown(`*${whenEmpty}*`);
  for (const f of figs) showPlotly(f.figure);
}
