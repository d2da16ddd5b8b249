/**
 * The library's public API, by name: what a notebook, a script or another project imports (`import { getDataset,
 * fitModel, gsm } from 'robust-recourse'`; in this repository's notebooks, `from './dist/index'`). Everything else
 * in `src/` is internal and may change between versions. The layers are described in docs/architecture.md; the
 * reference generated from these exports is docs/api/ (`npm run docs:api`).
 *
 * @packageDocumentation
 */
import { checkBuildFresh } from './util/build-check';

// run from dist/ (compiled CommonJS, where __filename exists): refuse a build older than the sources
if (typeof __filename !== 'undefined') checkBuildFresh(__filename);

// ── Backend, errors and options ───────────────────────────────────────────────────────────────────────────────
export { initBackend, backendName } from './backend';
export type { BackendName } from './backend-choice';
export { RecourseError, check } from './util/errors';
export { resolveOptions, checkOption, ruleText, type OptionRule, type OptionRules } from './util/options';
export { fixed, formatNumber, percent } from './util/format';
export { notebookProfile } from './util/profile';

// ── Data: datasets, their layout and scaling ──────────────────────────────────────────────────────────────────
export { getDataset } from './data/index';
export { loadDataset, type LoadOptions } from './data/load';
export { defineDataset, type DatasetDefinition, type DatasetSpec, type FeatureType } from './data/definition';
export { registerDataset, datasetNames, datasetSpec, dataDirFromEnv } from './data/registry';
export { syntheticDataset, type SyntheticOptions } from './data/synthetic';
export { summarizeDataset, majorityRate, type DatasetSummary } from './data/summary';
export { featureLayout, type FeatureLayout } from './data/layout';
export { fitMinMax, applyMinMax, invertMinMax, type MinMaxScaler } from './data/scaling';
export { toDataFrame } from './data/frame';
export type { Dataset, Split, DataSource } from './data/types';

// ── Models: training (ERM, PGD, eq. 16), evaluation, files ───────────────────────────────────────────────────
export { fitModel, type FitOptions } from './models/store';
export { trainModel } from './models/train';
export { fitGrid, type GridFit, type GridFitOptions } from './models/train-fit';
export { evaluateModel, accuracy, isDegenerate, type ModelMetrics } from './models/evaluate';
export { saveModel, loadModel, type TrainedModel } from './models/model-file';
export { logitsOf } from './models/predict';
export { pgdAttack, type PgdOptions } from './models/attack';
export { resolveTrainOptions, DEFAULT_TRAIN_OPTIONS, TRAIN_RULES, EPS_GRID, type TrainOptions } from './models/options';
export { MODEL_KINDS, type Classifier, type ModelKind } from './models/types';
export type { TrainResult } from './models/train-result';
export type { LayerWeights } from './models/dense';

// ── Metrics: factuals, cost, validity, robustness of recourse ─────────────────────────────────────────────────
export { selectFactuals, type FactualOptions, type FactualSelection } from './metrics/factuals';
export { recourseCosts, costDifference, type RecourseCosts } from './metrics/cost';
export { predictedPositive, summarizeRecourse, type RecourseOutput, type RecourseSummary } from './metrics/validity';
export { recourseRobustness, type RecourseRobustness, type RobustnessOptions } from './metrics/robustness';
export { FACTUAL_POLICIES, GRID_POLICIES, type FactualPolicy, type GridPolicy } from './metrics/policies';

// ── Recourse methods: one module each, one contract ───────────────────────────────────────────────────────────
export { defineMethod, type MethodSpec, type SearchInput, type SearchOutput } from './recourse/method';
export { getRecourseMethod, RECOURSE_METHODS, type AnyRecourseMethod } from './recourse/index';
export { RECOURSE_METHOD_NAMES, type RecourseMethodName } from './recourse/names';
export type { RecourseContext, RecourseMethod, RecourseResult, MethodPreset } from './recourse/types';
export { scfe, SCFE_DEFAULTS, SCFE_RULES, type ScfeOptions } from './recourse/scfe';
export { gsm, GSM_DEFAULTS, GSM_RULES, type GsmOptions } from './recourse/gsm';
export { cchvae, CCHVAE_DEFAULTS, CCHVAE_RULES, type CchvaeOptions, type CchvaeResult } from './recourse/cchvae/method';
export { fitVae, VAE_DEFAULTS, VAE_RULES, type TrainedVae, type VaeOptions } from './recourse/cchvae/train';
export { roar, ROAR_DEFAULTS, ROAR_RULES, type RoarOptions, type RoarResult } from './recourse/roar';
export { exact, EXACT_DEFAULTS, EXACT_RULES, type ExactOptions, type ExactResult } from './recourse/exact/method';
export { exactLinearRecourse, scfeClosedForm, type ExactLinearOptions, type ExactLinearResult } from './recourse/exact/linear';
export { limeSurrogates, type LimeOptions, type LinearSurrogates } from './recourse/lime';

// ── Theory: the Section 4 bounds and their checks ─────────────────────────────────────────────────────────────
export { lemma1Delta, theorem1Bound, theorem2Bound, theorem3Bound, lemma2Bound, theorem4Rhs, theorem5Rhs } from './theory/bounds';
export { checkLemma1, type Lemma1Row } from './theory/lemma1';
export { checkLemma2, type Lemma2Row } from './theory/lemma2';
export { checkTheorem1, type Theorem1Row } from './theory/theorem1';
export { checkTheorem2, type Theorem2Row } from './theory/theorem2';
export { checkTheorem3, theorem3Chain, type Theorem3Row } from './theory/theorem3';
export { checkTheorem4, type Theorem4Row } from './theory/theorem4';
export { checkTheorem5, type Theorem5Row } from './theory/theorem5';
export { costDifferenceChecks, type CostPair } from './theory/cost-diff';
export type { StatementResult, Verdict } from './theory/statement';

// ── Experiments: plans, the cached runner, results tables ─────────────────────────────────────────────────────
export { runExperiment, type Plan, type RunResult } from './experiments/runner';
export { RunStopped, type RunOptions, type ProgressEvent } from './experiments/run-stages';
export { PROFILES, PROFILE_NAMES, profile, withOverrides, type ProfileName } from './experiments/profiles';
export { resolveGrid, DEFAULT_GRID, GRID_RULES, type GridSpec } from './experiments/grid';
export { SETUPS, SETUP_NAMES, FACTOR_NAMES, getSetup, type Setup, type FactorName } from './experiments/setups';
export { summarizeOverSeeds, summarizeModels, type ModelRow, type RecourseRow, type SummaryRow } from './experiments/results';
export { estimateRun, type RunEstimate } from './experiments/estimate';
export { neighbourhoodFromRun, FIG8_CHOICE } from './experiments/neighbourhood';
export { runTheory, type TheoryOptions } from './experiments/theory/run';

// ── Verdicts: each claim judged on the evidence rule (≥ 3 seeds, ≥ 3 usable ε), returned as data ─────────────
export { getClaim, CLAIMS, hasEvidence, combineVerdicts, MIN_SEEDS, MIN_EPS, type Claim, type ClaimId, type VerdictValue } from './verdicts/claims';
export { judgeClaims, type ClaimVerdict } from './verdicts/claim-verdicts';
export { figureVerdict, type ScopeVerdict, type ScopeSubject, type ScopeEvidence } from './verdicts/scope';
export { claimScopes, runClaimScopes } from './verdicts/claim-scopes';
export { judgeAdversarialAccuracy, judgeNeighbourhood } from './verdicts/figure-verdicts';
export { judgeModelSize } from './verdicts/size-verdicts';
export { decideTable, type DecideTable } from './verdicts/decide';

// ── Reports: sentences, markdown, tables and files written from the numbers ──────────────────────────────────
export { claimEvidence, verdictsMarkdown } from './reports/claim-evidence';
export { scopeLabel, scopeEvidence, scopeNote } from './reports/scope-text';
export { verdictMarkdown, verdictSummaryRows } from './reports/verdict-report';
export { decideMarkdown, decidedSentence } from './reports/decide-report';
export { writeTables, writeFigures, writeRunSummary } from './reports/outputs';
export { compareSetups } from './reports/setup-comparison';
export { resultsMarkdown } from './reports/report';
export { settingsRows, curveRows, modelCurveRows, runRows, neighbourhoodRows, gridSentence } from './reports/section-tables';
export { figuresBySetup, figureFiles } from './reports/setup-figures';
export { accuracyRows, accuracyFindings } from './experiments/quickstart';

// ── Notebooks: runs that estimate, show progress and stop when asked ─────────────────────────────────────────
export { notebookRun, type NotebookRunOptions } from './experiments/notebook-run';
export { notebookSteps } from './experiments/notebook-steps';
export { notebookGrids, notebookGridsSource } from './experiments/notebook-grids';
export {
  runLrTheories,
  runNtkTheories,
  statementRows,
  lemma1Parts,
  theorem1Parts,
  theorem2Parts,
  theorem3Parts,
  lambdaSweepParts,
  lemma2Findings,
  validityFindings,
  statementPercentRows,
  theoryContradictions,
  contradictionsMarkdown,
} from './experiments/theory/notebook';
export { validitySweep } from './experiments/theory/sweeps';

// ── Figures: the paper's figures, plotly in notebooks, files and images ──────────────────────────────────────
export { paperFigures, fig1, fig2, fig3, fig4, fig5, fig9, fig10, fig11, fig12, fig16, exactCostFigure, budgetFigure } from './figures/paper';
export { neighbourhood, fig8 } from './figures/tsne';
export { accuracyFigure } from './figures/accuracy';
export { boundFigure, validityFigure } from './figures/theory';
export { partFigures } from './figures/parts';
export { saveFigures, type SavedFigures } from './figures/save';
export { FigureExporter, CHROMIUM_PATH, type ImageOptions } from './figures/export';
export { plotlyFigureHtml, type Figure } from './figures/plotly';
export { initPlotly, showPlotly, showMarkdown, showTable, showFrame, showSavedFigures } from './figures/nb';
export { showFigures, showParts } from './figures/nb-figures';

// ── Explorer: the offline trade-off page ──────────────────────────────────────────────────────────────────────
export {
  writeExplorer,
  readExplorerData,
  runExplorerData,
  showExplorer,
  explorerData,
  explorerHtml,
  frontier,
  toOriginal,
  toScaled,
  type ExplorerData,
} from './explorer/index';
