/** Notebook display of figures: each inline, or one markdown line saying why there is none. */
import { showMarkdown, showPlotly, showTable } from './nb';
import type { ShownPart } from './parts';
import type { Figure } from './plotly';
import { boundFigureOrNote, type CheckedStatement } from './theory';

/** Shows every figure inline; when the list is empty, shows `whenEmpty` (e.g. which grid points are missing). */
export function showFigures(figs: readonly { readonly figure: Figure }[], whenEmpty: string): void {
  if (!figs.length) showMarkdown(`*${whenEmpty}*`);
  for (const f of figs) showPlotly(f.figure);
}

/**
 * Shows a statement's bound figure (`boundFigure`), or, when it would draw nothing, one markdown line saying
 * why (`boundFigureOrNote`): an empty plot would read as "nothing measured".
 */
export function showBoundFigure(
  st: CheckedStatement & { readonly checks: readonly { readonly reason?: string }[] },
  title: string,
  opts: { log?: boolean } = {},
): void {
  const f = boundFigureOrNote(st, title, opts);
  if (typeof f === 'string') showMarkdown(`*${f}*`);
  else showPlotly(f);
}

/** Shows each part in order: markdown, a figure inline, or a table with its caption. */
export function showParts(parts: readonly ShownPart[]): void {
  for (const p of parts) {
    if ('markdown' in p) showMarkdown(p.markdown);
    else if ('figure' in p) showPlotly(p.figure);
    else showTable(p.table, p.caption);
  }
}
