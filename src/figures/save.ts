/**
 * Writes figures to a folder for papers and browsers: `index.html` (every figure, plotly.js embedded once, so
 * it opens offline anywhere), one `<name>.html` per figure next to a copy of plotly.min.js, and `<name>.svg` /
 * `<name>.png` through headless Chromium when one is available (else one message saying how to get it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { writeOutputFile } from '../util/files';
import { join } from 'node:path';
import { CHROMIUM_PATH, FigureExporter } from './export';
import { plotlyFigureHtml, plotlyJsPath, plotlyLibHtml, type Figure } from './plotly';

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
  writeOutputFile(join(dir, 'plotly.min.js'), readFileSync(plotlyJsPath()));
  const html: string[] = [];
  for (const [name, fig] of Object.entries(figs)) {
    const file = join(dir, `${name}.html`);
    writeOutputFile(file, page(name, '<script src="plotly.min.js"></script>', plotlyFigureHtml(fig)));
    html.push(file);
  }
  const index = join(dir, 'index.html');
  const body = Object.entries(figs).map(([name, fig]) => `<h3>${name}</h3>${plotlyFigureHtml(fig)}`).join('\n');
  writeOutputFile(index, page(o.title ?? 'figures', '', plotlyLibHtml() + body));
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
    }
  } finally {
    await ex.close();
  }
  return { html, images, note: '' };
}
