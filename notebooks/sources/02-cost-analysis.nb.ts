// md
# Cost analysis: recourse for robust vs non-robust models (Section 5.2, Figs 2, 4 and 10)

Krishna, Agarwal & Lakkaraju, *On the Trade-offs between Adversarial Robustness and Actionable Explanations*
(AAAI 2024), Section 5.2 "Cost Analysis", claim that **the cost difference ‖ζ_R‖ − ‖ζ_NR‖ between the recourse
for an adversarially robust model and for its non-robust counterpart grows with the training radius ε**:
Fig. 2 for neural networks, Fig. 4 for logistic regression, and Fig. 10 (Appendix B) for both, on German
credit, Adult and COMPAS.

What this notebook measures, per dataset, model class, recourse method, seed and ε:

- a non-robust model (ε = 0) and ℓ∞-adversarially trained models (PGD) at each ε > 0, from the same seed;
- the factuals: the first test points the ε = 0 model predicts negative (the same people at every ε);
- the cost difference: the mean of ‖ζ_R‖₂ − ‖ζ_NR‖₂ over the factuals that both models predict negative and
  for which both recourses are valid (robust minus non-robust, as everywhere in this project);
- curves: mean ± standard deviation over seeds. A grid point whose model is **degenerate** (predicts one class
  for ≥ 99 % of the test set) is drawn with an open marker, counted in the tables and left out of every verdict;
- the same figures and verdicts on a second grid with every setup variant, side by side (section 6).

The experiment is the library's cached, resumable run (`runExperiment`): every trained model and every
recourse batch is stored under a key of everything that determines it, so re-running after editing the
configuration only computes what changed. Every sentence below that states a finding is generated from the
numbers this notebook measured.
// %%
import {
  initPlotly, initBackend, notebookProfile, notebookRun, summarizeModels, settingsRows, runRows, curveRows, figuresBySetup,
  figureFiles, verdictSummaryRows, decideMarkdown, decideTable, claimScopes, getClaim, verdictMarkdown, showTable, showMarkdown, showFigures, saveFigures,
  fig2, fig4, fig10, notebookGrids, notebookGridsSource, compareSetups, runClaimScopes, showParts, gridSentence, showSavedFigures,
} from './dist/index';
initPlotly();
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
const verdictLabel = { testSize: profile === 'small' }; // a test-size grid: every verdict says it is not evidence
// md
## 1. Configuration

The object below is the whole experiment; edit it and re-run the notebook. It holds two grids, taken from one
place (`notebookGrids`, `src/experiments/notebook-grids.ts`), each a full `GridSpec` whose fields — `datasets`,
`models`, `eps`, `methods`, `seeds`, `setups`, `factuals`, … — can be set here:

- `main`: the paper's grid (§5.1: three datasets, LR and a two-layer ReLU network of width 2d, the eight ε values,
  four recourse methods plus this project's exact linear recourse, three seeds), the grid of `recourse reproduce`;
- `variants`: the setup comparison of `recourse reproduce --profile variants` — Adult and German, LR and NN,
  ε ∈ {0, 0.1, 0.2, 0.3}, seeds 0–1, 100 factuals, every setup variant (`default`, `selected` = model selection
  on a validation split, `balanced` = class-weighted loss, `carla` / `original` = those codebases' method
  hyperparameters); `null` skips it.

Each grid runs on its own (their tables are not mixed). Every unit is cached under a key of what determines it,
so after `recourse reproduce` and `recourse reproduce --profile variants` with the same `RECOURSE_CACHE_DIR`
this notebook only loads. `RECOURSE_PROFILE=small` (what the tests run) uses test-size grids of the same shape
instead: Adult only, fewer ε values, one seed, fewer factuals and epochs, smaller searches, and a comparison of
`default` with `carla` only. The table says which ran.
// %%
const config = notebookGrids(profile, ['main', 'variants', 'decide']);
// e.g. config.main.datasets = ['adult']; config.main.eps = [0, 0.1, 0.3]; config.variants!.setups = ['default', 'balanced']; or config.variants = null to skip the comparison
showTable(settingsRows([config.main, config.variants, config.decide], { profile: profile, backend: backend, source: notebookGridsSource(profile) }), 'settings of this run');
// md
## 2. Run

`notebookRun` first counts the units this configuration needs that are not in the cache and estimates their
time on this machine (from the timings the cache holds, else from measured rates). Above two minutes the cell
stops at once, computing nothing, with the estimate, the `recourse reproduce` command that fills the cache from
a terminal, and how to run a test-size grid now or allow this one. While it runs, one line shows the stage, the
units done and the time left; Interrupt Kernel stops it between two units, and running the cell again resumes
from the cache. The table reports how much was computed now and how long each stage took.
// %%
const run = await notebookRun([config.main], { name: 'config.main' });
const variants = config.variants ? await notebookRun([config.variants], { name: 'config.variants' }) : null;
const models = summarizeModels(run.models);
const costClaim = getClaim('cost-difference-grows');
showTable(runRows(run, variants), 'work done per grid (cached units cost about 0 s)');
// md
## 3. Fig. 2: cost difference vs ε, neural networks

The numbers plotted: one row per dataset × method × setup × ε, the mean and standard deviation over seeds of the
cost difference, the share of test points the model predicts positive, and how many seeds' models are
degenerate. A missing mean (NaN) means no factual had a valid recourse for both models.
// %%
showTable(curveRows(run, { metrics: ['costDiff'], models: ['mlp'] }), 'Fig. 2 data (NN)');
// %%
const fig2s = figuresBySetup(run, fig2);
showFigures(fig2s, 'Fig. 2: the run has no neural-network results');
// md
**Verdict rule** (`src/verdicts/trend.ts`): a method *supports* the claim when its cost difference rises
from ε = 0 to the largest ε with data by more than two standard errors over seeds (and at least 0.01), with a
positive Spearman ρ against ε; a dataset × model class is *reproduced* when every method with data supports it,
*not reproduced* when none does, *mixed* otherwise. Setups that disagree make the figure *depend on setup*.
Grid points where some seed's model is degenerate are left out of every verdict; a note names them and gives
the verdict they would give if kept.
// %%
const fig2Verdicts = claimScopes(run.summary, models, costClaim, { models: ['mlp'] });
showMarkdown(verdictMarkdown('Fig. 2 (NN): the cost difference grows with ε', fig2Verdicts, verdictLabel));
// md
## 4. Fig. 4: cost difference vs ε, logistic regression
// %%
showTable(curveRows(run, { metrics: ['costDiff'], models: ['lr'] }), 'Fig. 4 data (LR)');
// %%
const fig4s = figuresBySetup(run, fig4);
showFigures(fig4s, 'Fig. 4: the run has no logistic-regression results');
// %%
const fig4Verdicts = claimScopes(run.summary, models, costClaim, { models: ['lr'] });
showMarkdown(verdictMarkdown('Fig. 4 (LR): the cost difference grows with ε', fig4Verdicts, verdictLabel));
// md
## 5. Fig. 10: both model classes (Appendix B)

Fig. 10 puts both classes in one panel per dataset (LR dashed, NN solid); its data are the rows of Figs 2 and 4.
// %%
const fig10s = figuresBySetup(run, fig10);
showFigures(fig10s, 'Fig. 10: the run has no results');
// %%
const fig10Verdicts = claimScopes(run.summary, models, costClaim, { models: ['lr', 'mlp'] });
showMarkdown(verdictMarkdown('Fig. 10 (LR and NN): the cost difference grows with ε', fig10Verdicts, verdictLabel));
// md
## 6. Setups side by side

The same figures and verdict rules on the `variants` grid: one verdict column per setup, and each figure per
setup where the setups disagree (where they agree, one line says so). The grid is smaller than the paper's, so
its `default` column need not equal the verdicts above; what it ran:
// %%
showMarkdown(gridSentence(config.variants, 'the setup comparison'));
// %%
const bySetup = compareSetups(variants, [
  { label: 'Fig. 2', title: 'Fig. 2 (NN): the cost difference grows with ε', file: 'fig02-cost-difference-nn', figure: fig2, judge: (r) => runClaimScopes(r, costClaim, { models: ['mlp'] }) },
  { label: 'Fig. 4', title: 'Fig. 4 (LR): the cost difference grows with ε', file: 'fig04-cost-difference-lr', figure: fig4, judge: (r) => runClaimScopes(r, costClaim, { models: ['lr'] }) },
  { label: 'Fig. 10', title: 'Fig. 10 (LR and NN): the cost difference grows with ε', file: 'fig10-cost-difference', figure: fig10, judge: (r) => runClaimScopes(r, costClaim, { models: ['lr', 'mlp'] }) },
], '§6', verdictLabel);
showParts(bySetup.parts);
// md
## 7. What decides the trade-off

The paper's claims hold or fail depending on choices it leaves open. The `decide` grid (`recourse reproduce
--profile decide`; `config.decide`) crosses them: which class the recourse targets (`minority`: the training
split's minority class, flipping the labels where the favourable class is the majority), the units of ε
(`std`: training standard deviations), the decision threshold (`matched`: each robust model's bias shifted to the
ε = 0 model's training positive rate), and, read off the same searches, the search budget (10, 30 or 100
iterations per factual) and the paper's own Cost formula. Each cell is the verdict under one level, by the rule
above (≥ 3 seeds and ≥ 3 usable ε values, or `insufficient evidence`); the last column names the factor levels
that flip the base setup's verdict.
// %%
const decided = config.decide ? await notebookRun([config.decide], { name: 'config.decide' }) : null;
showMarkdown(decided ? decideMarkdown(decideTable(decided.summary), verdictLabel).join('\n') : '*No factor comparison: `config.decide` is null.*');
// md
## 8. Summary and export

One line per verdict (across setups and each setup's), with the section whose verdict text gives the deciding
numbers; then the figures written to `figures/02-cost-analysis/`: HTML always (each file
standalone: plotly.js embedded, opens offline), and with a headless Chromium SVG and PNG plus the paper preset
(`paper/`: no title or notes, 3.5 and 7 in wide, as PDF, 300 dpi PNG and SVG); the list links every file.
// %%
showTable(verdictSummaryRows(
  { 'Fig. 2': fig2Verdicts, 'Fig. 4': fig4Verdicts, 'Fig. 10': fig10Verdicts, ...bySetup.verdicts },
  { 'Fig. 2': '§3', 'Fig. 4': '§4', 'Fig. 10': '§5', ...bySetup.where },
  verdictLabel,
), 'verdicts of this notebook');
// %%
const saved = await saveFigures({
  ...figureFiles('fig02-cost-difference-nn', fig2s), ...figureFiles('fig04-cost-difference-lr', fig4s), ...figureFiles('fig10-cost-difference', fig10s), ...bySetup.files,
}, '../figures/02-cost-analysis', { title: 'Cost analysis: Figs 2, 4 and 10' });
showSavedFigures(saved);
