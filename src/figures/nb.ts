import { createRequire } from 'node:module';
import type * as Jupyter from 'tslab/dist/jupyter';
import { type Figure, type MimeBundle, plotlyBundle, plotlyLibHtml } from './plotly';

/**
 * tslab's display channel, loaded on first use: only a notebook has it, and the library imports without tslab
 * installed (a project that uses no notebook). Resolved as frame.ts resolves danfojs-node.
 */
function jupyterChannel(): Partial<typeof Jupyter> {
  const load = typeof require === 'function' ? require : createRequire(`${process.cwd()}/`);
  try {
    return load('tslab/dist/jupyter') as typeof Jupyter;
  } catch {
    return {}; // no tslab here: not a notebook
  }
}

/** Sends a multi-mime display bundle through the running tslab kernel. */
export function displayBundle(data: MimeBundle): void {
  const jupyter = jupyterChannel();
  if (!jupyter.lastWriteDisplayData) throw new Error('not running inside the tslab kernel');
  jupyter.lastWriteDisplayData({ data, metadata: {}, transient: {} } as never, false);
}

let libShown = false;

/** Call in the first cell: embeds plotly.js once so figures render offline. */
export function initPlotly(): void {
  displayBundle({ 'text/html': plotlyLibHtml('basic'), 'text/plain': '<plotly.js loaded>' });
  libShown = true;
}

/** Shows a plotly figure inline. */
export function showPlotly(fig: Figure): void {
  displayBundle(plotlyBundle(fig, { includeLib: !libShown }));
  libShown = true;
}

/** Shows markdown (e.g. a verdict written from measured numbers). */
export function showMarkdown(text: string): void {
  displayBundle({ 'text/markdown': text, 'text/plain': text });
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v === null || v === undefined ? '' : String(v);
}

/** Shows rows of plain objects as an HTML table (with a plain-text fallback). */
export function showTable(rows: readonly Record<string, unknown>[], caption = ''): void {
  const cols = rows.length ? Object.keys(rows[0]) : [];
  const html = `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${cols.map((c) => `<td>${esc(fmt(r[c]))}</td>`).join('')}</tr>`).join('') + '</tbody></table>';
  const text = [cols.join('\t'), ...rows.map((r) => cols.map((c) => fmt(r[c])).join('\t'))].join('\n');
  displayBundle({ 'text/html': html, 'text/plain': (caption ? caption + '\n' : '') + text });
}

/** The parts of a danfojs DataFrame that showFrame reads. */
export interface FrameLike { columns: string[]; index: (string | number)[]; values: unknown[] }

/** Shows a danfojs DataFrame as an HTML table, its index as the first column (e.g. head(), describe()). */
export function showFrame(df: FrameLike, caption = ''): void {
  showTable((df.values as unknown[][]).map((row, i) =>
    Object.fromEntries([['', df.index[i]], ...df.columns.map((c, j) => [c, row[j]])])), caption);
}

let liveDisplays = 0;

/**
 * A text output that is replaced in place while a cell runs (a Jupyter display id), e.g. progress; outside a
 * kernel each line goes to stderr.
 */
export function liveText(): { show(text: string): void } {
  const id = `recourse-live-${process.pid}-${++liveDisplays}`;
  let shown = false;
  return {
    show(text: string) {
      const jupyter = jupyterChannel();
      if (!jupyter.lastWriteDisplayData) {
        process.stderr.write(text + '\n');
        return;
      }
      jupyter.lastWriteDisplayData({ data: { 'text/plain': text }, metadata: {}, transient: { display_id: id } } as never, shown);
      shown = true;
    },
  };
}

/** What saveFigures wrote, as the notebook shows it (its paths relative to the notebook, as given to saveFigures). */
export interface SavedFileList {
  readonly html: readonly string[];
  readonly images: readonly string[];
  readonly note: string;
}

/**
 * Lists the files saveFigures wrote as links that open from JupyterLab (relative to the notebook), one line per
 * figure: its HTML, SVG and PNG, and the paper preset's PDFs and 300 dpi PNGs for one and two columns.
 */
export function showSavedFigures(saved: SavedFileList): void {
  const link = (file: string, text = file.split('/').pop()!) => `[${text}](${encodeURI(file)})`;
  const stem = (f: string) => f.replace(/\.(html|svg|png|pdf)$/, '');
  const lines = saved.html.map((h) => {
    const base = stem(h);
    const name = base.split('/').pop()!;
    const same = saved.images.filter((f) => stem(f) === base).map((f) => link(f, f.split('.').pop()));
    const paper = saved.images.filter((f) => /\/paper\//.test(f) && stem(f).split('/').pop()!.replace(/-(single|double)$/, '') === name)
      .filter((f) => /\.(pdf|png)$/.test(f)).map((f) => link(f, `${/-single\./.test(f) ? '1 col' : '2 col'} ${f.split('.').pop()}`));
    return `- ${link(h)}${same.length ? ` · ${same.join(' · ')}` : ''}${paper.length ? ` · paper: ${paper.join(' · ')}` : ''}`;
  });
  showMarkdown([`**${saved.html.length} HTML files** (each opens alone, offline)${saved.images.length ? `, ${saved.images.length} images` : ''}:`, '', ...lines,
    ...(saved.note ? ['', `*${saved.note}*`] : [])].join('\n'));
}
