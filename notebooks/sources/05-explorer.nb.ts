// md
# The trade-off explorer: what robustness costs in recourse, per person

The paper closes with a wish: tools that let people *navigate* the trade-off between a model's adversarial
robustness and the cost of recourse. This notebook shows the project's explorer inline for a run: pick a
dataset, model, method and setup, move the robustness slider (the training radius ε), and see

- accuracy, adversarial accuracy, positive rate, validity, mean cost and the cost difference at that ε, with
  the seeds' spread, and whether the model is degenerate (one class for ≥ 99 % of the test set) or below the
  majority-class rate — such a point says little about recourse, so it is flagged and never joined by a line;
- **the frontier**: adversarial accuracy against mean recourse cost (and against validity), one point per ε;
- **one person**: their recourse at every ε side by side, in the data's original units and category names
  (immutable features marked), or which person is nearest to values you type.

The same page, as a file that opens alone and offline, is what `recourse explore DIR` writes for any
`recourse reproduce --out DIR` folder.
// %%
import { initBackend, notebookProfile, notebookRun, PROFILES, runExplorerData, showExplorer, showMarkdown, type GridSpec } from './dist/index';
const backend = await initBackend({ quiet: true });
const profile = notebookProfile();
// md
## 1. The run

The full profile explores `recourse reproduce --profile quick` (Adult and COMPAS, LR and NN, ε up to 0.1, three
seeds, under the `matched` threshold, where the robust models still predict both classes); `RECOURSE_PROFILE=small`
(what the tests run) a test-size COMPAS grid under the default setup, where the robust LR turns degenerate.
Everything is cached: after `recourse reproduce --profile quick` this cell only loads.
// %%
const small: Partial<GridSpec> = { name: 'explore', datasets: ['compas'], models: ['lr'], eps: [0, 0.05, 0.3], seeds: [0], factuals: 10, methods: ['scfe', 'gsm'], setups: ['default'] };
const plan = profile === 'small' ? [small] : PROFILES.quick;
const run = await notebookRun(plan, { name: 'the explored run' });
const data = runExplorerData(run);
showMarkdown(`${data.selections.length} choices (dataset × model × method × setup) over ε ∈ {${[...new Set(run.summary.map((r) => r.eps))].sort((a, b) => a - b).join(', ')}}, ` +
  `${data.selections.filter((s) => s.points.some((p) => !p.usable)).length} of them with a degenerate or below-majority point; backend ${backend}.`);
// md
## 2. The explorer

The slider, selects and checkbox are ordinary form controls: Tab to one and use the arrow keys.
// %%
showExplorer(data);
