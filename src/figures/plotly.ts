import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../util/paths';
import type { Config, Data, Layout } from 'plotly.js-dist-min';

/** A plotly figure as plain data. */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

/**
 * The plotly.js bundles: `full` (every trace type; image export loads it) and `basic` (scatter, bar and pie,
 * about a quarter of the size; embedded once per notebook and in every saved figure file, which need no more).
 */
export type PlotlyBundle = 'full' | 'basic';

const BUNDLE_FILE: Record<PlotlyBundle, string> = { full: 'plotly.js-dist-min/plotly.min.js', basic: 'plotly.js-basic-dist-min/plotly-basic.min.js' };

/** Path of a plotly.js bundle, resolved from the project's checkout (the launcher's RECOURSE_ROOT), else from the working directory upwards. */
export function plotlyJsPath(bundle: PlotlyBundle = 'full'): string {
  const from = (dir: string) => createRequire(join(dir, 'package.json')).resolve(BUNDLE_FILE[bundle]);
  try {
    return from(projectRoot());
  } catch {
    return from(process.cwd());
  }
}

function jsonForScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A <script> that defines window.Plotly offline (embedded once per notebook, or once per saved figure file). */
export function plotlyLibHtml(bundle: PlotlyBundle = 'full'): string {
  const src = readFileSync(plotlyJsPath(bundle), 'utf8');
  return `<script type="text/javascript">/* ${BUNDLE_FILE[bundle]}, embedded once */\n` +
    '(function(){if(window.Plotly)return;var module=undefined,exports=undefined,define=undefined;\n' + src + '\n})();</script>\n';
}

/** A div plus a script that draws the figure once window.Plotly exists. */
export function plotlyFigureHtml(fig: Figure, id = 'plotly-' + randomUUID()): string {
  const height = typeof fig.layout?.height === 'number' ? fig.layout.height : 450;
  const payload = jsonForScript({ data: fig.data, layout: fig.layout ?? {}, config: { responsive: true, ...(fig.config ?? {}) } });
  return `<div id="${id}" class="plotly-graph-div" style="height:${height}px; width:100%;"></div>\n` +
    '<script type="text/javascript">(function(){var f=' + payload + ';' +
    'function draw(n){var el=document.getElementById(' + JSON.stringify(id) + ');' +
    'if(window.Plotly&&el){window.Plotly.newPlot(el,f.data,f.layout,f.config);}' +
    'else if(n<400){setTimeout(function(){draw(n+1);},50);}}draw(0);})();</script>';
}

export type MimeBundle = Record<string, unknown>;

/** The display bundle of a figure: plotly JSON (JupyterLab renderer), HTML (everywhere else), text. */
export function plotlyBundle(fig: Figure, opts: { includeLib: boolean }): MimeBundle {
  return {
    'application/vnd.plotly.v1+json': { data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {} },
    'text/html': (opts.includeLib ? plotlyLibHtml('basic') : '') + plotlyFigureHtml(fig),
    'text/plain': `<plotly figure: ${fig.data.length} trace(s)${fig.layout?.title ? ': ' + JSON.stringify((fig.layout.title as any).text ?? fig.layout.title) : ''}>`,
  };
}
