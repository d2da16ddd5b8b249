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
import {
  initPlotly, showPlotly, showTable, showFrame, showMarkdown, initBackend, notebookProfile, EPS_GRID, getDataset,
  summarizeDataset, toDataFrame, accuracyRows, accuracyFigure, majorityRate, accuracyFindings, saveFigures, showSavedFigures,
} from './dist/index';
initPlotly();
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
// md
The settings of this run: edit `config` and re-run. `RECOURSE_PROFILE=small` (what the tests run) trains on
three ε values with a fixed 40 epochs; the default `full` profile uses the paper's eight ε values and the
trainer's automatic budget.
// %%
const config = {
  kinds: ['lr', 'lr-closed'] as const,            // PGD-trained LR and the closed-form robust objective (eq. 16)
  eps: profile === 'small' ? [0, 0.1, 0.3] : [...EPS_GRID],
  epochs: profile === 'small' ? 40 : 0,           // 0 = the trainer's automatic budget
  evalEps: 0.1,                                   // radius of the PGD-20 attack behind the adversarial accuracy
};
showTable([{ backend: backend, profile: profile, kinds: config.kinds.join(', '), 'ε': config.eps.join(', '), epochs: config.epochs || 'automatic', 'attack ε': config.evalEps }], 'settings of this run');
// md
## 1. The data as a DataFrame
Features are min–max scaled with the training split's range (the scaler is never fitted on test data).
`raw: true` shows the original units.
// %%
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
const rows = accuracyRows(german, config);
showTable(rows.map((r) => ({ ...r })), `German credit, test set; adversarial accuracy under ℓ∞ PGD-20 at ε = ${config.evalEps}`);
// %%
const accFig = accuracyFigure(rows, `German credit: clean vs adversarial (ε = ${config.evalEps}) accuracy`, majorityRate(german));
showPlotly(accFig);
// md
## 3. What the numbers say
The verdict below is computed from the table above, not written in advance.
// %%
showMarkdown(accuracyFindings(rows, majorityRate(german), config.evalEps));
// md
## 4. Export the figure
`saveFigures` writes the figure to `figures/00-quickstart/`: a standalone HTML file always (it opens alone,
offline), and with a headless Chromium (Debian's `chromium`; the output says how to get it when it is missing)
SVG and PNG, plus a paper preset in `paper/` (no title, 3.5 and 7 in wide, PDF and 300 dpi PNG). The links
open the files from JupyterLab.
// %%
const saved = await saveFigures({ 'quickstart-accuracy': accFig }, '../figures/00-quickstart', { title: 'Quickstart: clean vs adversarial accuracy' });
showSavedFigures(saved);
