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
import { initPlotly, showPlotly, showTable, showFrame, showMarkdown, initBackend, notebookProfile } from './src/index';
initPlotly();
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
console.log(`backend ${backend}, profile ${profile}`);
// md
## 1. The data as a DataFrame
Features are min–max scaled with the training split's range (the scaler is never fitted on test data).
`raw: true` shows the original units.
// %%
import { getDataset, summarizeDataset, toDataFrame } from './src/index';
const german = await getDataset('german');
const summary = summarizeDataset(german);
showTable(Object.entries(summary).map(([field, value]) => ({ field, value: typeof value === 'object' ? JSON.stringify(value) : value })),
  'German credit: dataset summary');
const df = toDataFrame(german, { raw: true });
showFrame(df.head(5), 'first five training rows, original units');
// %%
showFrame(toDataFrame(german).loc({ columns: german.spec.features.slice(0, 8) }).describe(), 'scaled features: summary statistics (first 8 features)');
// md
## 2. ERM and robust logistic regression
`fitModel` trains with Madry-style PGD adversarial training at radius ε (ε = 0 is plain ERM) or loads the
model from the cache keyed by the full training configuration. We also train the closed-form robust objective
of the paper's eq. 16 (`lr-closed`).
// %%
import { fitModel, EPS_GRID } from './src/index';
const grid = profile === 'small' ? [0, 0.1, 0.3] : [...EPS_GRID];
const evalEps = 0.1;
const rows = [];
for (const kind of ['lr', 'lr-closed'] as const) {
  for (const eps of grid) {
    const m = fitModel(german, { kind, eps, epochs: profile === 'small' ? 40 : 0 }, { evalEps });
    rows.push({ model: kind, eps, accuracy: m.metrics.accuracy, advAccuracy: m.metrics.advAccuracy,
      exactAdvAccuracy: m.metrics.exactAdvAccuracy, predictedPositive: m.metrics.positiveRate,
      degenerate: m.metrics.degenerate, seconds: m.trainSeconds });
    m.net.dispose(); // only the metrics are needed here; the model stays in the cache
  }
}
showTable(rows, `German credit, test set; adversarial accuracy under ℓ∞ PGD-20 at ε = ${evalEps}`);
// %%
import type { Figure } from './src/index';
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
import { majorityRate } from './src/index';
type Row = (typeof rows)[number];
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const name = (r: Row) => `${r.model} at ε = ${r.eps}`;
const mostRobust = (rs: Row[]) => rs.reduce((a, b) => (b.advAccuracy > a.advAccuracy ? b : a));
const base = majorityRate(german);
const erm = rows.find((r) => r.model === 'lr' && r.eps === 0)!;
const degenerate = rows.filter((r) => r.degenerate);
const healthy = rows.filter((r) => !r.degenerate);
const top = mostRobust(rows);
const best = healthy.length ? mostRobust(healthy) : undefined;
showMarkdown([
  `- Majority-class rate on the test set: **${pct(base)}**; ERM logistic regression reaches **${pct(erm.accuracy)}** clean and **${pct(erm.advAccuracy)}** under attack at ε = ${evalEps}${erm.degenerate ? ' (and is itself degenerate)' : ''}.`,
  best
    ? `- Best adversarial accuracy among non-degenerate models: **${pct(best.advAccuracy)}** (${name(best)}; clean ${pct(best.accuracy)}).`
    : '- Every model is degenerate, so none is called best: each accuracy is just the share of the class it always predicts.',
  top.degenerate && (!best || top.advAccuracy > best.advAccuracy)
    ? `- The highest adversarial accuracy overall, **${pct(top.advAccuracy)}** (${name(top)}), belongs to a **degenerate** model: it predicts the ${top.predictedPositive >= 0.5 ? 'positive' : 'negative'} class for ${pct(Math.max(top.predictedPositive, 1 - top.predictedPositive))} of the test set, so that number is about the test share of one class, not robustness.`
    : '',
  degenerate.length
    ? `- **Degenerate models** (one class for ≥ 99% of test points): ${degenerate.map(name).join(', ')}. Their accuracy is the share of that class, and any recourse comparison with them must say so.`
    : '- No model is degenerate (none predicts one class for ≥ 99% of the test set).',
].filter(Boolean).join('\n'));
// md
## 4. Export a figure for a paper
`FigureExporter` renders with headless Chromium (Debian's `chromium`) into SVG and PNG under `figures/`.
// %%
import { FigureExporter } from './src/index';
const ex = await FigureExporter.launch();
await ex.save(accFig, '../figures/quickstart-accuracy.svg', { format: 'svg', width: 700, height: 420 });
await ex.save(accFig, '../figures/quickstart-accuracy.png', { format: 'png', width: 700, height: 420, scale: 3 });
await ex.close();
console.log('wrote figures/quickstart-accuracy.svg and .png');
