import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RecourseError } from '../util/errors';
import { type Figure, plotlyJsPath } from './plotly';

/** Seconds a headless Chromium may take to start before figure export gives up on it. */
export const LAUNCH_SECONDS = 20;

/** Debian's Chromium by default; CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Format, size and pixel scale of an exported image. */
export interface ImageOptions {
  format: 'svg' | 'png' | 'jpeg' | 'webp';
  width?: number;
  height?: number;
  /** Pixel scale for raster formats (3 → print quality). */
  scale?: number;
}

/**
 * Publication figures: one headless Chromium with plotly loaded, reused for many exports
 * (launch ≈ 2 s, then tens of ms per figure). Close it when done.
 */
export class FigureExporter {
  private constructor(private browser: Browser, private page: Page) {}

  /** Starts headless Chromium with plotly loaded (a RecourseError naming the fix when Chromium is missing). */
  static async launch(): Promise<FigureExporter> {
    let browser: Browser;
    try {
      // a browser that does not start within LAUNCH_SECONDS is given up on (playwright's own default waits 180 s)
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: LAUNCH_SECONDS * 1000 });
    } catch (e) {
      const why = /timeout/i.test((e as Error).message) ? `it did not start within ${LAUNCH_SECONDS} s` : (e as Error).message.split('\n')[0];
      throw new RecourseError(`cannot start Chromium at ${CHROMIUM_PATH} for figure export (${why}); install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`);
    }
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: plotlyJsPath() });
    return new FigureExporter(browser, page);
  }

  /** The figure as image bytes in the chosen format. */
  async render(fig: Figure, o: ImageOptions): Promise<Buffer> {
    const url: string = await this.page.evaluate(async ({ fig, o }) => {
      const P = (globalThis as any).Plotly;
      return P.toImage({ data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {} },
        { format: o.format, width: o.width ?? 700, height: o.height ?? 450, scale: o.scale ?? 1 });
    }, { fig, o });
    const i = url.indexOf(',');
    const meta = url.slice(0, i);
    const body = url.slice(i + 1);
    return meta.endsWith(';base64') ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8');
  }

  /**
   * The figure as a one-page vector PDF of exactly its size (its SVG printed by Chromium), e.g. for LaTeX's
   * \\includegraphics. Width and height are CSS pixels (96 per inch).
   */
  async pdf(fig: Figure, width: number, height: number): Promise<Buffer> {
    const svg = (await this.render(fig, { format: 'svg', width, height })).toString('utf8');
    this.printPage ??= await this.browser.newPage();
    await this.printPage.setContent(`<!doctype html><html><head><style>@page{margin:0}html,body{margin:0;padding:0}svg{display:block}</style></head><body>${svg}</body></html>`);
    return this.printPage.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: '1' });
  }

  /** The page PDFs are printed from (made on first use). */
  private printPage: Page | undefined;

  /** Renders and writes a figure (creating the folder). */
  async save(fig: Figure, path: string, o: ImageOptions): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await this.render(fig, o));
  }

  /** Closes the browser. */
  async close(): Promise<void> {
    await this.browser.close();
  }
}
