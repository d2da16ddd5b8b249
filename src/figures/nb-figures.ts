/** Notebook display of figures: each inline, or one markdown line saying why there is none. */
import { showMarkdown, showPlotly } from './nb';
import type { Figure } from './plotly';
import { boundFigure, type CheckedStatement } from './theory';

/** Shows every figure inline; when the list is empty, shows `whenEmpty` (e.g. which grid points are missing). */
export function showFigures(figs: readonly { readonly figure: Figure }[], whenEmpty: string): void {
  if (!figs.length) showMarkdown(`*${whenEmpty}*`);
  for (const f of figs) showPlotly(f.figure);
}

/**
 * Shows a statement's bound figure (`boundFigure`), or, when every instance is vacuous, one markdown line
 * saying so with the first check's reason: an empty plot would read as "nothing measured".
 */
export function showBoundFigure(
  st: CheckedStatement & { readonly checks: readonly { readonly reason?: string }[] },
  title: string,
  opts: { log?: boolean } = {},
): void {
  const counted = st.checks.filter((c) => c.verdict !== 'vacuous').length;
  if (counted > 0) showPlotly(boundFigure(st, title, opts));
  else showMarkdown(`*${title}: not plotted — all ${st.checks.length} instances are vacuous (${st.checks[0]?.reason ?? 'no instances'}).*`);
}
