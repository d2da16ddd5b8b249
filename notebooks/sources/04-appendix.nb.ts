// md
# Appendix B: network size, adversarial accuracy and recourse robustness (Figs 5/14, 11 and 16)

Three further results of Krishna, Agarwal & Lakkaraju, *On the Trade-offs between Adversarial Robustness and
Actionable Explanations* (AAAI 2024), from Section 5 and Appendix B:

- **Figs 5 and 14** (§5, Appendix B.1): on Adult, with the robust model trained at ε = 0.3, the cost difference
  and the validity of recourse "remain consistent" as the network grows deeper (depth = hidden layers, width
  2d) or wider (width of each layer of a depth-2 network);
- **Fig. 11** (Appendix B): the adversarial accuracy of the non-robust model is the lowest of all models, and it
  grows as the models are trained at larger ε;
- **Fig. 16** (Appendix B): the robustness of recourse — how often a recourse stays valid when it is perturbed —
  decreases as ε grows. The paper's Fig. 16 shows SCFE on COMPAS neural networks; its verdict here is judged on
  that scope, and, labelled as an extension, on every method, dataset and model class of the run.

Each figure comes with its data table and a verdict computed by an explicit, documented rule from the numbers
this notebook measured; every sentence that states a finding is generated from those numbers. Grid points where
some seed's model is degenerate (one class for ≥ 99 % of the test set) are left out of every verdict, and a note
names them with the verdict they would give if kept. Section 6 repeats Figs 11 and 16 with every setup variant
side by side.
// %%
import {
  initPlotly, initBackend, notebookProfile, notebookRun, summarizeModels, settingsRows, runRows, curveRows, modelCurveRows,
  figuresBySetup, figureFiles, verdictSummaryRows, claimScopes, getClaim, verdictMarkdown, judgeModelSize, judgeAdversarialAccuracy,
  decideMarkdown, decideTable, showTable, showMarkdown, showFigures, saveFigures, fig5, fig11, fig16, notebookGrids, notebookGridsSource, compareSetups, runClaimScopes, showParts, gridSentence, showSavedFigures,
} from './dist/index';
initPlotly();
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
const verdictLabel = { testSize: profile === 'small' }; // a test-size grid: every verdict says it is not evidence
// md
## 1. Configuration

The object below is the whole experiment; edit it and re-run the notebook. It holds three grids, taken from one
place (`notebookGrids`, `src/experiments/notebook-grids.ts`), each a full `GridSpec` whose fields — `datasets`,
`models`, `eps`, `methods`, `seeds`, `setups`, `factuals`, `architectures`, … — can be set here:

- `main`: the paper's grid of §5.1 (which Figs 11 and 16 read), the main grid of `recourse reproduce`;
- `depthWidth`: Figs 5/14, the depth/width grid of `recourse reproduce` — Adult NNs at ε ∈ {0, 0.3}, depth 1–4
  at width 2d, and widths 16–128 at depth 2 (written `{ depth, width }`, width 0 = 2 × input dimension);
- `variants`: the setup comparison of `recourse reproduce --profile variants` — Adult and German, LR and NN,
  ε ∈ {0, 0.1, 0.2, 0.3}, seeds 0–1, 100 factuals, every setup variant; `null` skips it.

`main` and `depthWidth` run together (units they share, the depth-1 networks, run once); `variants` runs on its
own. Every unit is cached under a key of what determines it, so after `recourse reproduce` and
`recourse reproduce --profile variants` with the same `RECOURSE_CACHE_DIR` this notebook only loads, and with the
same `main` grid as the cost and validity notebooks every unit they computed is reused. Figs 5/14 are read at
the largest ε of `depthWidth`. `RECOURSE_PROFILE=small` (what the tests run) uses test-size grids of the same
shape instead: fewer ε values, seeds, factuals, epochs and network sizes, smaller searches, and a comparison of
`default` with `carla` only.
// %%
const config = notebookGrids(profile, ['main', 'depthWidth', 'variants', 'decide']);
// e.g. config.main.datasets = ['compas']; config.depthWidth.architectures = [{ depth: 1, width: 0 }, { depth: 2, width: 0 }]; config.variants = null to skip the comparison
showTable(settingsRows([config.main, config.depthWidth, config.variants, config.decide], { profile: profile, backend: backend, source: notebookGridsSource(profile) }), 'settings of this run');
// md
## 2. Run

As in the cost notebook (02, §2): `notebookRun` estimates the missing work before doing any and stops a cell
above two minutes with that estimate and the terminal command that fills the cache; while it runs, a line shows
its progress, and Interrupt Kernel stops it between units (a re-run resumes from the cache).
// %%
const run = await notebookRun([config.main, config.depthWidth], { name: 'config.main + config.depthWidth' });
const variants = config.variants ? await notebookRun([config.variants], { name: 'config.variants' }) : null;
const models = summarizeModels(run.models);
const sizeEps = Math.max(...config.depthWidth.eps);
showTable(runRows(run, variants), 'work done per grid (cached units cost about 0 s)');
// md
## 3. Figs 5 / 14: deeper and wider networks (Adult)

The numbers plotted: for each network shape (depth × width, `2d` = twice the input dimension) and method, the
cost difference against the same shape's ε = 0 network and the validity, at the robust ε, as mean and
standard deviation over seeds, with the predicted-positive share and degenerate count of the robust models.
// %%
showTable(curveRows(run, { metrics: ['costDiff', 'validity'], models: ['mlp'], datasets: ['adult'], eps: [sizeEps], allShapes: true }), `Figs 5 / 14 data (Adult NN, ε = ${sizeEps})`);
// %%
const fig5s = figuresBySetup(run, (t) => fig5(t, sizeEps));
showFigures(fig5s, 'Figs 5 / 14: the run has fewer than two Adult NN shapes at this ε');
// md
**Verdict rule** (`src/verdicts/size-verdicts.ts`): for each metric and sweep (depth at width 2d, width at
depth 2), a method's metric is *consistent* when the spread of its means across the sizes (largest − smallest)
is at most the larger of 0.05 and two standard errors of that difference over seeds, and *varies* otherwise. The
sweep is *reproduced* when every method with data is consistent, *not reproduced* when none is, *mixed*
otherwise. A cost difference needs a valid recourse for both models, so a sweep where the robust models admit
none has no cost-difference data.
// %%
const fig5Verdicts = judgeModelSize(run.summary, models, sizeEps);
showMarkdown(verdictMarkdown(`Figs 5 / 14 (Adult NN, ε = ${sizeEps}): cost difference and validity remain consistent as depth and width grow`, fig5Verdicts, verdictLabel));
// md
## 4. Fig. 11: adversarial accuracy vs ε

Every model is attacked the same way: ℓ∞ PGD with 20 steps at the radius `evalEps` of the grid (the settings
table's "attack ε"), on the test set. The table gives clean and attacked accuracy per dataset, model class,
training setup and training ε; the figure shows the attacked accuracy, and its title names the training setup
of the models it plots.
// %%
showTable(modelCurveRows(run), `Fig. 11 data: accuracy under PGD-20 at ε = ${run.grids[0].evalEps}`);
// %%
const fig11s = figuresBySetup(run, fig11);
showFigures(fig11s, 'Fig. 11: the run has no models of the main architecture');
// md
**Verdict rule** (`src/verdicts/figure-verdicts.ts`), per dataset × model class × training setup: the
non-robust model is *the lowest* when no robust model's mean attacked accuracy is below it by more than the
larger of 0.01 and two standard errors over seeds; the accuracy *grows* when it rises from ε = 0 to the largest
ε by more than that and its Spearman ρ with ε is positive. Both: reproduced; neither: not reproduced; one:
mixed. Grid points where some seed's model is degenerate are left out; the note names them (with the share of
test points they predict positive, shown next to the attacked accuracy in the table above) and gives the verdict
with them.
// %%
const fig11Verdicts = judgeAdversarialAccuracy(models, run.grids[0].evalEps);
showMarkdown(verdictMarkdown("Fig. 11: the non-robust model's adversarial accuracy is the lowest and grows with ε", fig11Verdicts, verdictLabel));
// md
## 5. Fig. 16: robustness of recourse vs ε

Robustness of a recourse: the share of noisy copies of it (Gaussian noise of σ on the mutable continuous
features, the settings table's "robustness σ × samples") that the model still predicts positive, averaged over
the valid recourses that were needed. Where a model admits no valid recourse there is nothing to average.
// %%
showTable(curveRows(run, { metrics: ['robustness', 'validity'], models: ['mlp', 'lr'] }), 'Fig. 16 data');
// %%
const fig16s = figuresBySetup(run, fig16);
showFigures(fig16s, 'Fig. 16: the run has no results');
// md
**Verdict rule** (`src/verdicts/trend.ts`, the rule of the main claims with the direction "falls"): a
method supports the claim when its robustness falls from ε = 0 to the largest ε with data by more than two
standard errors over seeds (and at least 0.02), with a negative Spearman ρ; a dataset × model class is
reproduced when every method with data supports it, not reproduced when none does, mixed otherwise. First on
the paper's own scope (SCFE, COMPAS, neural network: the caption of its Fig. 16; no data without COMPAS in the
configuration), then, as an extension beyond the paper, on every method, dataset and model class of the run.
// %%
const robustnessClaim = getClaim('robustness-falls');
const fig16Verdicts = claimScopes(run.summary, models, robustnessClaim, { models: ['mlp'], datasets: ['compas'], methods: ['scfe'] });
showMarkdown(verdictMarkdown("Fig. 16, the paper's scope (SCFE, COMPAS, NN): the robustness of recourse falls as ε grows", fig16Verdicts, verdictLabel));
// %%
const fig16WideVerdicts = claimScopes(run.summary, models, robustnessClaim, { models: ['mlp', 'lr'] });
showMarkdown(verdictMarkdown('Fig. 16, extension (every method, dataset and model class of the run): the robustness of recourse falls as ε grows', fig16WideVerdicts, verdictLabel));
// md
## 6. Setups side by side

Figs 11 and 16 (the extension's scope) on the `variants` grid: one verdict column per setup (for Fig. 11, per
training setup: `carla` and `original` train like `default`), and each figure per setup where the setups
disagree (where they agree, one line says so). The grid is smaller than the paper's, so its
`default` column need not equal the verdicts above. Figs 5/14 are not repeated per setup. What it ran:
// %%
showMarkdown(gridSentence(config.variants, 'the setup comparison'));
// %%
const bySetup = compareSetups(variants, [
  { label: 'Fig. 11', title: "Fig. 11: the non-robust model's adversarial accuracy is the lowest and grows with ε", file: 'fig11-adversarial-accuracy', figure: fig11, judge: (r) => judgeAdversarialAccuracy(summarizeModels(r.models), r.grids[0].evalEps) },
  { label: 'Fig. 16 (extension)', title: 'Fig. 16, extension: the robustness of recourse falls as ε grows', file: 'fig16-robustness', figure: fig16, judge: (r) => runClaimScopes(r, robustnessClaim, { models: ['mlp', 'lr'] }) },
], '§6', verdictLabel);
showParts(bySetup.parts);
// md
## 7. What decides the main claims

The appendix figures rest on the same models as the main claims. Why those claims hold here or fail is the
subject of §7 of the cost notebook and §9 of the validity notebook: the table below is theirs, on this
notebook's `config.decide` grid, one column per factor level (target class, ε units, threshold, search budget,
the paper's Cost formula) and the levels that flip the base verdict.
// %%
const decidedHere = config.decide ? await notebookRun([config.decide], { name: 'config.decide' }) : null;
showMarkdown(decidedHere ? decideMarkdown(decideTable(decidedHere.summary), verdictLabel).join('\n') : '*No factor comparison: `config.decide` is null.*');
// md
## 8. Summary and export

One line per verdict (across setups and each setup's), with the section whose verdict text gives the deciding
numbers; then the figures written to `figures/04-appendix/`: HTML always (each file
standalone: plotly.js embedded, opens offline), and with a headless Chromium SVG and PNG plus the paper preset
(`paper/`: no title or notes, 3.5 and 7 in wide, as PDF, 300 dpi PNG and SVG); the list links every file.
// %%
showTable(verdictSummaryRows(
  { 'Figs 5 / 14': fig5Verdicts, 'Fig. 11': fig11Verdicts, 'Fig. 16 (paper: SCFE, COMPAS, NN)': fig16Verdicts, 'Fig. 16 (extension)': fig16WideVerdicts, ...bySetup.verdicts },
  { 'Figs 5 / 14': '§3', 'Fig. 11': '§4', 'Fig. 16 (paper: SCFE, COMPAS, NN)': '§5', 'Fig. 16 (extension)': '§5', ...bySetup.where },
  verdictLabel,
), 'verdicts of this notebook');
// %%
const saved = await saveFigures({
  ...figureFiles('fig05-depth-width', fig5s), ...figureFiles('fig11-adversarial-accuracy', fig11s), ...figureFiles('fig16-robustness', fig16s), ...bySetup.files,
}, '../figures/04-appendix', { title: 'Appendix B: Figs 5/14, 11 and 16' });
showSavedFigures(saved);
