// md
# Validity analysis: recourse for robust vs non-robust models (Section 5.2, Figs 1, 3, 8, 9 and 12)

Krishna, Agarwal & Lakkaraju, *On the Trade-offs between Adversarial Robustness and Actionable Explanations*
(AAAI 2024), Section 5.2 "Validity Analysis", claim that **the validity of recourse falls as the training radius
ε of the model grows**: Fig. 1 for neural networks, Fig. 3 for logistic regression, Fig. 9 (Appendix B) for both,
and Fig. 12 comparing the robust with the non-robust model on Adult. Fig. 8 looks at one local neighbourhood
with t-SNE and reports fewer valid recourses at ε = 0.25 than at ε = 0.

What this notebook measures, per dataset, model class, recourse method, seed and ε:

- a non-robust model (ε = 0) and ℓ∞-adversarially trained models (PGD) at each ε > 0, from the same seed;
- the factuals: the first test points the ε = 0 model predicts negative (the same people at every ε);
- validity as the paper defines it: the share of factuals whose returned point the model predicts positive
  (a factual the robust model already predicts positive counts as valid at cost 0; the tables show how many;
  Fig. 8 counts differently, see section 7);
- curves: mean ± standard deviation over seeds. A grid point whose model is **degenerate** (predicts one class
  for ≥ 99 % of the test set) is drawn with an open marker, counted in the tables and left out of every verdict:
  a model that predicts (almost) every point negative leaves little room for valid recourse, one that predicts
  (almost) every point positive leaves few factuals that need one;
- the same figures and verdicts on a second grid with every setup variant, side by side (section 8).

The experiment is the library's cached, resumable run (`runExperiment`); with the same configuration as the cost
notebook it reuses every unit that notebook computed. Every sentence below that states a finding is generated
from the numbers this notebook measured.
// %%
import {
  initPlotly, initBackend, notebookProfile, notebookRun, summarizeModels, settingsRows, runRows, curveRows, neighbourhoodRows,
  figuresBySetup, figureFiles, verdictSummaryRows, claimScopes, getClaim, verdictMarkdown, neighbourhoodFromRun, judgeNeighbourhood,
  decideMarkdown, decideTable, showTable, showMarkdown, showFigures, saveFigures, fig1, fig3, fig8, fig9, fig12, notebookGrids, notebookGridsSource, compareSetups,
  runClaimScopes, showParts, FIG8_CHOICE, gridSentence, showSavedFigures,
} from './dist/index';
initPlotly();
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
const verdictLabel = { testSize: profile === 'small' }; // a test-size grid: every verdict says it is not evidence
// md
## 1. Configuration

The object below is the whole experiment; edit it and re-run the notebook. It holds two grids, taken from one
place (`notebookGrids`, `src/experiments/notebook-grids.ts`), each a full `GridSpec` whose fields — `datasets`,
`models`, `eps`, `methods`, `seeds`, `setups`, `factuals`, … — can be set here, and the choices of Fig. 8:

- `main`: the paper's grid (§5.1: three datasets, LR and a two-layer ReLU network of width 2d, the eight ε values,
  four recourse methods plus this project's exact linear recourse, three seeds), the grid of `recourse reproduce`;
- `variants`: the setup comparison of `recourse reproduce --profile variants` — Adult and German, LR and NN,
  ε ∈ {0, 0.1, 0.2, 0.3}, seeds 0–1, 100 factuals, every setup variant (`default`, `selected`, `balanced`,
  `carla`, `original`; see `src/experiments/setups.ts`); `null` skips it;
- `fig8`: which units Fig. 8's neighbourhood comes from (dataset, model class, method, setup, seed — `null` = the
  first — and the robust ε, the grid's closest to it) and how many factuals it holds. The paper fixes the dataset
  (Adult), the model class (NN) and ε = 0.25; the method, seed and size are this project's choices.

Each grid runs on its own (their tables are not mixed). Every unit is cached under a key of what determines it,
so after `recourse reproduce` and `recourse reproduce --profile variants` with the same `RECOURSE_CACHE_DIR`
this notebook only loads; with the same grids as the cost notebook it reuses every unit that one computed.
`RECOURSE_PROFILE=small` (what the tests run) uses test-size grids of the same shape instead: Adult only, fewer
ε values, one seed, fewer factuals and epochs, smaller searches, and a comparison of `default` with `carla` only.
// %%
const config = { ...notebookGrids(profile, ['main', 'variants', 'decide']), fig8: { ...FIG8_CHOICE } };
// e.g. config.main.datasets = ['adult']; config.fig8.eps = 0.3; config.fig8.neighbours = 40; config.variants = null to skip the comparison
showTable(settingsRows([config.main, config.variants, config.decide], { profile: profile, backend: backend, source: notebookGridsSource(profile) }), 'settings of this run');
showTable([{ ...config.fig8, seed: config.fig8.seed ?? 'first' }], 'Fig. 8 choices');
// md
## 2. Run

As in the cost notebook (02, §2): `notebookRun` estimates the missing work before doing any and stops a cell
above two minutes with that estimate and the terminal command that fills the cache; while it runs, a line shows
its progress, and Interrupt Kernel stops it between units (a re-run resumes from the cache).
// %%
const run = await notebookRun([config.main], { name: 'config.main' });
const variants = config.variants ? await notebookRun([config.variants], { name: 'config.variants' }) : null;
const models = summarizeModels(run.models);
const validityClaim = getClaim('validity-falls');
showTable(runRows(run, variants), 'work done per grid (cached units cost about 0 s)');
// md
## 3. Fig. 1: validity vs ε, neural networks

The numbers plotted: one row per dataset × method × setup × ε, the mean and standard deviation over seeds of the
validity, of the validity over the factuals the model itself predicts negative (`validityNeeded`), and of how
many factuals the model already predicts positive; then the model's predicted-positive share and how many
seeds' models are degenerate.
// %%
showTable(curveRows(run, { metrics: ['validity', 'validityNeeded', 'alreadyPositive'], models: ['mlp'] }), 'Fig. 1 data (NN)');
// %%
const fig1s = figuresBySetup(run, fig1);
showFigures(fig1s, 'Fig. 1: the run has no neural-network results');
// md
**Verdict rule** (`src/verdicts/trend.ts`): a method *supports* the claim when its validity falls from
ε = 0 to the largest ε with data by more than two standard errors over seeds (and at least 0.02), with a
negative Spearman ρ against ε; a dataset × model class is *reproduced* when every method with data supports it,
*not reproduced* when none does, *mixed* otherwise. Setups that disagree make the figure *depend on setup*.
Grid points where some seed's model is degenerate are left out of every verdict; a note names them and gives
the verdict they would give if kept.
// %%
const fig1Verdicts = claimScopes(run.summary, models, validityClaim, { models: ['mlp'] });
showMarkdown(verdictMarkdown('Fig. 1 (NN): validity falls as ε grows', fig1Verdicts, verdictLabel));
// md
## 4. Fig. 3: validity vs ε, logistic regression
// %%
showTable(curveRows(run, { metrics: ['validity', 'validityNeeded', 'alreadyPositive'], models: ['lr'] }), 'Fig. 3 data (LR)');
// %%
const fig3s = figuresBySetup(run, fig3);
showFigures(fig3s, 'Fig. 3: the run has no logistic-regression results');
// %%
const fig3Verdicts = claimScopes(run.summary, models, validityClaim, { models: ['lr'] });
showMarkdown(verdictMarkdown('Fig. 3 (LR): validity falls as ε grows', fig3Verdicts, verdictLabel));
// md
## 5. Fig. 9: both model classes (Appendix B)

Fig. 9 puts both classes in one panel per dataset (LR dashed, NN solid); its data are the rows of Figs 1 and 3.
// %%
const fig9s = figuresBySetup(run, fig9);
showFigures(fig9s, 'Fig. 9: the run has no results');
// %%
const fig9Verdicts = claimScopes(run.summary, models, validityClaim, { models: ['lr', 'mlp'] });
showMarkdown(verdictMarkdown('Fig. 9 (LR and NN): validity falls as ε grows', fig9Verdicts, verdictLabel));
// md
## 6. Fig. 12: robust vs non-robust validity on Adult (Appendix B)

Each method's validity for the robust model (solid or dashed, with bands) next to the non-robust model's
validity (dotted horizontal line at its ε = 0 value). Fig. 12 is on Adult; without Adult in the configuration
there is no figure.
// %%
const fig12s = figuresBySetup(run, fig12);
showFigures(fig12s, 'Fig. 12: the configuration has no Adult results');
// %%
const fig12Verdicts = claimScopes(run.summary, models, validityClaim, { models: ['lr', 'mlp'], datasets: ['adult'] });
showMarkdown(verdictMarkdown('Fig. 12 (Adult): validity falls from the non-robust model (ε = 0) as ε grows', fig12Verdicts, verdictLabel));
// md
## 7. Fig. 8: valid recourses in one neighbourhood, t-SNE

The paper embeds a local neighbourhood of test points with t-SNE and marks the valid recourses (orange) for the
non-robust model and for a model trained at ε = 0.25. We take the units of `config.fig8` (by default Adult, the
NN, SCFE, the first seed, and the ε in the grid closest to 0.25); the neighbourhood is the first factual and its
nearest factuals, `config.fig8.neighbours` in all. Factuals and both models' recourses are embedded together
(seeded t-SNE), so positions are comparable across the two panels.

**"Valid" in this figure is narrower than the validity above.** Above, a factual the model already predicts
positive counts as valid (at cost 0). Here a recourse counts as valid only where the search found one for a
factual the model did *not* already predict positive, so the figure shows recourses that were searched for; the
table gives, per panel, the valid recourses and, apart, the factuals already positive (not counted as valid).
// %%
const near = neighbourhoodFromRun(run, config.fig8);
if (near) showTable(neighbourhoodRows(near), 'Fig. 8 data: valid recourses in the neighbourhood');
else showMarkdown(`*Fig. 8 needs ${config.fig8.method} on the ${config.fig8.model} (setup ${config.fig8.setup}) at ε = 0 and one ε > 0 with at least 5 factuals; this run has none.*`);
// %%
const fig8s = near ? [{ setup: near.setup, figure: fig8(near.input) }] : [];
showFigures(fig8s, 'Fig. 8: no neighbourhood to show');
// md
**Verdict rule** (`src/verdicts/figure-verdicts.ts`): reproduced when the robust panel has fewer valid
recourses than the ε = 0 panel, else not reproduced; when the robust model is degenerate, the note says so,
because then the count reflects a model that predicts one class, not only a harder search.
// %%
const fig8Verdicts = near ? [judgeNeighbourhood(near)] : [];
showMarkdown(near ? verdictMarkdown('Fig. 8: fewer valid recourses in the neighbourhood at the larger ε', fig8Verdicts, verdictLabel) : '*Fig. 8: no verdict (no neighbourhood).*');
// md
## 8. Setups side by side

The same figures and verdict rules on the `variants` grid: one verdict column per setup, and each figure per
setup where the setups disagree (where they agree, one line says so). The grid is smaller than the paper's, so
its `default` column need not equal the verdicts above. Fig. 8 is not repeated per setup. What it ran:
// %%
showMarkdown(gridSentence(config.variants, 'the setup comparison'));
// %%
const bySetup = compareSetups(variants, [
  { label: 'Fig. 1', title: 'Fig. 1 (NN): validity falls as ε grows', file: 'fig01-validity-nn', figure: fig1, judge: (r) => runClaimScopes(r, validityClaim, { models: ['mlp'] }) },
  { label: 'Fig. 3', title: 'Fig. 3 (LR): validity falls as ε grows', file: 'fig03-validity-lr', figure: fig3, judge: (r) => runClaimScopes(r, validityClaim, { models: ['lr'] }) },
  { label: 'Fig. 9', title: 'Fig. 9 (LR and NN): validity falls as ε grows', file: 'fig09-validity', figure: fig9, judge: (r) => runClaimScopes(r, validityClaim, { models: ['lr', 'mlp'] }) },
  { label: 'Fig. 12', title: 'Fig. 12 (Adult): validity falls from the non-robust model (ε = 0) as ε grows', file: 'fig12-validity-adult', figure: fig12, judge: (r) => runClaimScopes(r, validityClaim, { models: ['lr', 'mlp'], datasets: ['adult'] }) },
], '§8', verdictLabel);
showParts(bySetup.parts);
// md
## 9. What decides the trade-off

The validity claim under each factor the paper leaves open, side by side — the same table as §7 of the cost
notebook (its text explains the factors): target class (`minority`), ε units (`std`), threshold (`matched`), the
search budget and the paper's Cost formula, one column per level, and the levels that flip the base verdict.
// %%
const decided = config.decide ? await notebookRun([config.decide], { name: 'config.decide' }) : null;
showMarkdown(decided ? decideMarkdown(decideTable(decided.summary), verdictLabel).join('\n') : '*No factor comparison: `config.decide` is null.*');
// md
## 10. Summary and export

One line per verdict (across setups and each setup's), with the section whose verdict text gives the deciding
numbers; then the figures written to `figures/03-validity-analysis/`: HTML always (each file
standalone: plotly.js embedded, opens offline), and with a headless Chromium SVG and PNG plus the paper preset
(`paper/`: no title or notes, 3.5 and 7 in wide, as PDF, 300 dpi PNG and SVG); the list links every file.
// %%
showTable(verdictSummaryRows(
  { 'Fig. 1': fig1Verdicts, 'Fig. 3': fig3Verdicts, 'Fig. 9': fig9Verdicts, 'Fig. 12': fig12Verdicts, 'Fig. 8': fig8Verdicts, ...bySetup.verdicts },
  { 'Fig. 1': '§3', 'Fig. 3': '§4', 'Fig. 9': '§5', 'Fig. 12': '§6', 'Fig. 8': '§7', ...bySetup.where },
  verdictLabel,
), 'verdicts of this notebook');
// %%
const saved = await saveFigures({
  ...figureFiles('fig01-validity-nn', fig1s), ...figureFiles('fig03-validity-lr', fig3s), ...figureFiles('fig09-validity', fig9s),
  ...figureFiles('fig12-validity-adult', fig12s), ...figureFiles('fig08-tsne', fig8s), ...bySetup.files,
}, '../figures/03-validity-analysis', { title: 'Validity analysis: Figs 1, 3, 8, 9 and 12' });
showSavedFigures(saved);
