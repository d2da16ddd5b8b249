/**
 * Figures as they go into a paper: no title and no explanatory notes (the caption carries them), sized for one
 * column (3.5 in) or two (7 in) of a two-column layout, fonts legible at that size, the legend below the plot.
 * Plotly lays out in CSS pixels (96 per inch), so a 3.5 in figure is 336 px wide; a 300 dpi PNG renders it at
 * scale 300 / 96.
 */
import type { Figure } from './plotly';

export type PaperColumn = 'single' | 'double';

/** Width in inches of each preset. */
export const COLUMN_INCHES: Readonly<Record<PaperColumn, number>> = { single: 3.5, double: 7 };

/** CSS pixels per inch (plotly's unit) and the print resolution of the PNG. */
export const CSS_DPI = 96;
export const PRINT_DPI = 300;

/** Marks an annotation as an explanatory note: on screen it is shown, in the paper preset it is left to the caption. */
export const NOTE = 'note';

/** The figure re-laid out for a column: its width and height in CSS pixels are in the returned layout. */
export function paperFigure(fig: Figure, column: PaperColumn): Figure {
  const layout = (fig.layout ?? {}) as Record<string, unknown>;
  const width = Math.round(COLUMN_INCHES[column] * CSS_DPI);
  const entries = new Set(fig.data.filter((t) => (t as { showlegend?: boolean }).showlegend !== false && (t as { name?: string }).name).map((t) => (t as { legendgroup?: string; name?: string }).legendgroup ?? (t as { name: string }).name)).size;
  const legendRows = Math.ceil(entries / (column === 'single' ? 2 : 4));
  const plot = column === 'single' ? 190 : 210;
  const bottom = 48 + 13 * legendRows;
  // panel titles sit just above their panel
  const annotations = ((layout.annotations as Record<string, unknown>[] | undefined) ?? [])
    .filter((a) => a.name !== NOTE).map((a) => ({ ...a, font: { ...(a.font as object), size: 9 }, ...(a.yref === 'paper' && Number(a.y) > 1 ? { y: 1, yanchor: 'bottom' } : {}) }));
  // markers and lines at print size
  const data = fig.data.map((t) => {
    const tr = t as { marker?: { size?: number | number[] }; line?: { width?: number } };
    const size = tr.marker?.size;
    return {
      ...t,
      ...(tr.marker ? { marker: { ...tr.marker, size: Array.isArray(size) ? size.map((v) => v * 0.6) : (size ?? 6) * 0.6 } } : {}),
      ...(tr.line && tr.line.width !== 0 ? { line: { ...tr.line, width: Math.min(tr.line.width ?? 2, 1.5) } } : {}),
    };
  }) as Figure['data'];
  const axes = Object.fromEntries(Object.entries(layout).filter(([k]) => /^[xy]axis\d*$/.test(k)).map(([k, v]) => [k, {
    ...(v as object), title: { ...((v as { title?: object }).title ?? {}), font: { size: 9 }, standoff: 4 }, tickfont: { size: 8 },
  }]));
  return {
    data,
    layout: {
      ...layout, ...axes, title: { text: '' }, annotations, width, height: plot + bottom + 24, autosize: false,
      margin: { t: 24, l: 46, r: 8, b: bottom }, font: { family: 'Liberation Sans, Arial, sans-serif', size: 9 },
      legend: { orientation: 'h', x: 0, xanchor: 'left', y: -48 / plot, yanchor: 'top', font: { size: 8 }, tracegroupgap: 0 },
    } as Figure['layout'],
    config: { ...(fig.config ?? {}), displayModeBar: false, staticPlot: true },
  };
}
