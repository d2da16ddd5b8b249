// md
# Quickstart: data, robust training, clean vs adversarial accuracy

This notebook is the five-minute tour of the toolkit behind our reproduction of Krishna, Agarwal & Lakkaraju,
*On the Trade-offs between Adversarial Robustness and Actionable Explanations* (AAAI 2024).
It loads the German credit data, trains a non-robust (ERM, ε = 0) and ℓ∞-adversarially trained logistic
regression, and compares their clean and adversarial test accuracy.

The library lives in `src/` and is imported through the `notebooks/src` link. Data come from
`RECOURSE_DATA_DIR` when it is set, otherwise from the download cache `data/cache/` (first run downloads from
Harvard Dataverse).
// %%
import { initPlotly, showPlotly, showTable, showMarkdown } from './src/figures/nb';
import { initBackend } from './src/backend';
import { notebookProfile } from './src/util/profile';
initPlotly();
const backend = await initBackend();
const profile = notebookProfile();
console.log(`backend ${backend}, profile ${profile}`);
// md
## 1. The data as a DataFrame
Features are min–max scaled with the training split's range (the scaler is never fitted on test data).
`raw: true` shows the original units.
// %%
import { getDataset, summarizeDataset } from './src/data/index';
import { toDataFrame } from './src/data/frame';
const german = await getDataset('german');
const summary = summarizeDataset(german);
console.log(summary);
const df = toDataFrame(german, { raw: true });
df.head(5).print();
// %%
toDataFrame(german).loc({ columns: german.spec.features.slice(0, 8) }).describe().print();
// md
## 2. ERM and robust logistic regression
`fitModel` trains with Madry-style PGD adversarial training at radius ε (ε = 0 is plain ERM) or loads the
model from the cache keyed by the full training configuration. We also train the closed-form robust objective
of the paper's eq. 16 (`lr-closed`).
// %%
import { fitModel, EPS_GRID } from './src/models/index';
const grid = profile === 'small' ? [0, 0.1, 0.3] : [...EPS_GRID];
const evalEps = 0.1;
const rows = [];
for (const kind of ['lr', 'lr-closed'] as const) {
  for (const eps of grid) {
    const m = fitModel(german, { kind, eps, epochs: profile === 'small' ? 40 : 0 }, { evalEps });
    rows.push({ model: kind, eps, accuracy: m.metrics.accuracy, advAccuracy: m.metrics.advAccuracy,
      exactAdvAccuracy: m.metrics.exactAdvAccuracy, predictedPositive: m.metrics.positiveRate,
      degenerate: m.metrics.degenerate, seconds: m.trainSeconds });
  }
}
showTable(rows, `German credit, test set; adversarial accuracy under ℓ∞ PGD-20 at ε = ${evalEps}`);
// %%
import type { Figure } from './src/figures/plotly';
const trace = (kind: string, key: 'accuracy' | 'advAccuracy', dash: 'solid' | 'dot') => ({
  type: 'scatter' as const, mode: 'lines+markers' as const, name: `${kind} ${key === 'accuracy' ? 'clean' : 'adversarial'}`,
  x: rows.filter((r) => r.model === kind).map((r) => r.eps),
  y: rows.filter((r) => r.model === kind).map((r) => r[key]),
  line: { dash },
  // a degenerate model (one class for ≥ 99% of the test set) is drawn with an open marker
  marker: { size: 9, symbol: rows.filter((r) => r.model === kind).map((r) => (r.degenerate ? 'circle-open' : 'circle')) },
});
const accFig: Figure = {
  data: [trace('lr', 'accuracy', 'solid'), trace('lr', 'advAccuracy', 'dot'), trace('lr-closed', 'accuracy', 'solid'), trace('lr-closed', 'advAccuracy', 'dot')],
  layout: { title: { text: `German credit: clean vs adversarial (ε = ${evalEps}) accuracy (open markers: degenerate model)` }, xaxis: { title: { text: 'training ε' } },
    yaxis: { title: { text: 'test accuracy' }, range: [0, 1] }, height: 420 },
};
showPlotly(accFig);
// md
## 3. What the numbers say
The verdict below is computed from the table above, not written in advance.
// %%
import { majorityRate } from './src/data/index';
const base = majorityRate(german);
const erm = rows.find((r) => r.model === 'lr' && r.eps === 0)!;
const degenerate = rows.filter((r) => r.degenerate);
showMarkdown([
  `- Majority-class rate on the test set: **${(100 * base).toFixed(1)}%**; ERM logistic regression reaches **${(100 * erm.accuracy).toFixed(1)}%** clean and **${(100 * erm.advAccuracy).toFixed(1)}%** under attack at ε = ${evalEps}.`,
  `- Best adversarial accuracy: **${(100 * Math.max(...rows.map((r) => r.advAccuracy))).toFixed(1)}%** (ε = ${rows.reduce((a, b) => (b.advAccuracy > a.advAccuracy ? b : a)).eps}, ${rows.reduce((a, b) => (b.advAccuracy > a.advAccuracy ? b : a)).model}).`,
  degenerate.length
    ? `- **Degenerate models** (one class for ≥ 99% of test points): ${degenerate.map((r) => `${r.model} at ε = ${r.eps}`).join(', ')}. Their accuracy is the share of that class, and any recourse comparison with them must say so.`
    : '- No model is degenerate (none predicts one class for ≥ 99% of the test set).',
].join('\n'));
// md
## 4. Export a figure for a paper
`FigureExporter` renders with headless Chromium (Debian's `chromium`) into SVG and PNG under `figures/`.
// %%
import { FigureExporter } from './src/figures/export';
const ex = await FigureExporter.launch();
await ex.save(accFig, '../figures/quickstart-accuracy.svg', { format: 'svg', width: 700, height: 420 });
await ex.save(accFig, '../figures/quickstart-accuracy.png', { format: 'png', width: 700, height: 420, scale: 3 });
await ex.close();
console.log('wrote figures/quickstart-accuracy.svg and .png');
