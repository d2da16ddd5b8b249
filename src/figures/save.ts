/**
 * Writes figures to a folder for papers and browsers: `index.html` (every figure) and one `<name>.html` per
 * figure, each standalone (plotly.js's basic bundle embedded, so a file copied alone opens offline anywhere);
 * through headless Chromium when one is available (else one message saying how to get it) `<name>.svg` and
 * `<name>.png` as on screen, and the paper preset (paper-preset.ts) in `paper/`: `<name>-single` and
 * `<name>-double` (3.5 and 7 in wide) as SVG, 300 dpi PNG and vector PDF.
 */
import { mkdirSync } from 'node:fs';
import { writeOutputFile } from '../util/files';
import { join } from 'node:path';
import { CHROMIUM_PATH, FigureExporter } from './export';
import { COLUMN_INCHES, CSS_DPI, paperFigure, PRINT_DPI, type PaperColumn } from './paper-preset';
import { plotlyFigureHtml, plotlyLibHtml, type Figure } from './plotly';

/** The files saveFigures wrote: HTML figures always, SVG/PNG images when Chromium is available. */
export interface SavedFigures {
  readonly html: string[];
  readonly images: string[];
  /** Why SVG/PNG were not written, or ''. */
  readonly note: string;
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body style="font-family:sans-serif">${body}</body></html>\n`;
}

/** Saves every figure; `images: false` skips SVG/PNG. */
export async function saveFigures(figs: Readonly<Record<string, Figure>>, dir: string, o: { images?: boolean; title?: string } = {}): Promise<SavedFigures> {
  mkdirSync(dir, { recursive: true });
  const lib = plotlyLibHtml('basic');
  const html: string[] = [];
  for (const [name, fig] of Object.entries(figs)) {
    const file = join(dir, `${name}.html`);
    writeOutputFile(file, page(name, '', lib + plotlyFigureHtml(fig)));
    html.push(file);
  }
  const index = join(dir, 'index.html');
  const body = Object.entries(figs).map(([name, fig]) => `<h3>${name}</h3>${plotlyFigureHtml(fig)}`).join('\n');
  writeOutputFile(index, page(o.title ?? 'figures', '', lib + body));
  html.push(index);
  if (o.images === false) return { html, images: [], note: 'SVG/PNG export not requested' };
  let ex: FigureExporter;
  try {
    ex = await FigureExporter.launch();
  } catch (e) {
    return { html, images: [], note: `SVG/PNG skipped: ${(e as Error).message.replace(/ for figure export/, '')}; the HTML figures were written` };
  }
  const images: string[] = [];
  try {
    for (const [name, fig] of Object.entries(figs)) {
      const height = typeof fig.layout?.height === 'number' ? fig.layout.height : 450;
      for (const [format, scale] of [['svg', 1], ['png', 3]] as const) {
        const file = join(dir, `${name}.${format}`);
        await ex.save(fig, file, { format, width: 1000, height, scale });
        images.push(file);
      }
      for (const column of Object.keys(COLUMN_INCHES) as PaperColumn[]) images.push(...await savePaper(ex, fig, join(dir, 'paper', `${name}-${column}`), column));
    }
  } finally {
    await ex.close();
  }
  return { html, images, note: '' };
}

/** The paper preset of one figure for one column: `<base>.svg`, `<base>.png` (300 dpi) and `<base>.pdf`. */
async function savePaper(ex: FigureExporter, fig: Figure, base: string, column: PaperColumn): Promise<string[]> {
  const paper = paperFigure(fig, column);
  const width = Number(paper.layout?.width);
  const height = Number(paper.layout?.height);
  mkdirSync(join(base, '..'), { recursive: true });
  await ex.save(paper, `${base}.svg`, { format: 'svg', width, height });
  await ex.save(paper, `${base}.png`, { format: 'png', width, height, scale: PRINT_DPI / CSS_DPI });
  writeOutputFile(`${base}.pdf`, await ex.pdf(paper, width, height));
  return [`${base}.svg`, `${base}.png`, `${base}.pdf`];
}
