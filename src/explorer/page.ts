/**
 * The explorer as one standalone HTML file: plotly's basic bundle, the data (explorer-data.ts) as JSON, and the
 * page script (client.js), all inline — it opens from disk, offline, and inside JupyterLab. Every control is a
 * labelled form control (select, range slider, checkbox, number inputs), so the page works from the keyboard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plotlyLibHtml } from '../figures/plotly';
import { projectRoot } from '../util/paths';
import { frontier, type ExplorerData } from './explorer-data';

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:1150px;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:1.6rem}
form.choose{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:end}
form.choose label{display:flex;flex-direction:column;font-size:.85rem;color:#555}
select,input,button{font:inherit} input[type=range]{width:22rem}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
table{border-collapse:collapse;margin:.4rem 0} th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums} .here{background:#fff3c4}
.flag{color:#b2182b} .ok{color:#1a7f37} .fixed{color:#777;font-style:italic} td.changed{font-weight:600}
tr.foot th,tr.foot td{border-top:2px solid #999} #nearest-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.2rem .8rem}
#nearest-fields label{font-size:.85rem;color:#555}
.scroll{overflow-x:auto}
`;

const jsonForScript = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page's script, read from the checkout (src/explorer/client.js). */
function clientScript(): string {
  return readFileSync(join(projectRoot(), 'src', 'explorer', 'client.js'), 'utf8');
}

/** The explorer page for `data`; `figuresLink` is the static figures' folder relative to the page (null: none). */
export function explorerHtml(data: ExplorerData, figuresLink: string | null = 'figures/'): string {
  const payload = { ...data, frontiers: data.selections.map((s) => ({ cost: frontier(s, 'cost'), validity: frontier(s, 'validity') })) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(data.title)}</title><style>${STYLE}</style>
${plotlyLibHtml('basic')}</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p>Move the robustness slider (the training radius ε) and see what it does to the models and to recourse: for everyone, on the frontier, and for one person in the data's own units. Means over seeds with their standard deviation; a point whose model is degenerate or below the majority-class rate is flagged and never joined by a line.</p>
<form class="choose" onsubmit="return false">
<label for="dataset">dataset <select id="dataset"></select></label>
<label for="model">model <select id="model"></select></label>
<label for="method">method <select id="method"></select></label>
<label for="setup">setup <select id="setup"></select></label>
<label for="eps">robustness ε = <output id="eps-value" for="eps"></output><input type="range" id="eps" min="0" max="0" step="1" value="0"></label>
</form>
<p id="flags" role="status"></p>
<div class="grid">
<section aria-labelledby="stats-h"><h2 id="stats-h">At this ε</h2>
<table><thead><tr><th scope="col">metric</th><th scope="col">mean</th><th scope="col">spread</th></tr></thead><tbody id="stats-body"></tbody></table></section>
<section aria-labelledby="frontier-h"><h2 id="frontier-h">The frontier</h2><div id="frontier-cost"></div><div id="frontier-validity"></div></section>
</div>
<section aria-labelledby="person-h"><h2 id="person-h">One person</h2>
<p id="person-note"></p>
<form class="choose" onsubmit="return false"><label for="person">person <select id="person"></select></label>
<label for="all-features"><span>every feature</span><input type="checkbox" id="all-features"></label></form>
<div class="scroll"><table id="person-table"></table></div>
<form id="nearest"><h3>Find the nearest person to values in original units</h3><div id="nearest-fields"></div>
<button type="submit">find nearest</button> <span id="nearest-result" role="status"></span></form>
</section>
<section aria-labelledby="table-h"><h2 id="table-h">Table</h2><div class="scroll"><table id="summary-table"></table></div>
${figuresLink ? `<p>The static figures of this run: <a href="${escapeHtml(figuresLink)}">${escapeHtml(figuresLink)}</a></p>` : ''}</section>
<script type="application/json" id="explorer-data">${jsonForScript(payload)}</script>
<script>${clientScript()}</script>
</body></html>
`;
}
