/**
 * The typed grid spec of an experiment: which datasets, model kinds, architectures, training radii,
 * recourse methods, seeds and setups to run, and at which sizes. A plan is a list of grids (for example the
 * main grid plus the depth/width sweep of Figs 5/14); units shared by two grids run once.
 */
import { datasetSpec } from '../data/registry';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { EPS_GRID, resolveTrainOptions, TRAIN_LIMITS, type TrainOptions } from '../models/options';
import { GRID_POLICIES, type GridPolicy } from '../metrics/policies';
import { methodApplies, RECOURSE_METHOD_NAMES } from '../recourse/names';
import { check, RecourseError } from '../util/errors';
import { resolveOptions, type OptionRules } from '../util/options';
import { getSetup } from './setups';

/** An MLP shape: hidden layers and their width (0 = 2 × input dimension, the paper's choice). */
export interface Architecture {
  readonly depth: number;
  readonly width: number;
}

/** The training options a grid may set for all its models (the grid point and the setup fix the rest). */
export type GridTraining = Partial<Omit<TrainOptions, 'kind' | 'eps' | 'seed' | 'depth' | 'width' | 'protocol' | 'classWeight' | 'epsUnits'>>;

/** One grid of an experiment: datasets × models × architectures × ε × setups × seeds, the methods run on each model, and their options. */
export interface GridSpec {
  /** A label for tables and figures, e.g. 'main' or 'depth-width'. */
  name: string;
  datasets: string[];
  models: ModelKind[];
  /** MLP shapes (LR ignores them). */
  architectures: Architecture[];
  /** Training radii; ε = 0 (the non-robust reference) is always trained. */
  eps: number[];
  methods: string[];
  seeds: number[];
  setups: string[];
  /** At most this many factuals per model: the first test points the ε = 0 model predicts negative. */
  factuals: number;
  /** Training options shared by every model of the grid (epochs, learning rate, batch size, optimiser, PGD steps). */
  training: GridTraining;
  /** Train on a seeded subset of at most this many training rows (0 = all); the test split is never subsampled. */
  trainRows: number;
  /** Which test points get a recourse: those the ε = 0 model predicts negative ('reference', the same people under every ε) or this model's own negatives. */
  policy: GridPolicy;
  /** ε of the adversarial-accuracy column, the same attack for every model. */
  evalEps: number;
  /** Per-method option overrides (applied after the setup's preset), e.g. smaller searches for a quick run. */
  methodOptions: Record<string, Record<string, unknown>>;
  /** Recourse robustness: Gaussian σ on mutable continuous features and noisy copies per recourse. */
  robustnessSigma: number;
  robustnessSamples: number;
  /** Run 'exact' on the MLPs too (a mixed-integer program per factual; off by default for its time on wide networks). */
  exactMlp: boolean;
}

/** The values a grid takes for every field its spec leaves out. */
export const DEFAULT_GRID: GridSpec = {
  name: 'main',
  datasets: ['german', 'adult', 'compas'],
  models: ['lr', 'mlp'],
  architectures: [{ depth: 1, width: 0 }],
  eps: [...EPS_GRID],
  methods: [...RECOURSE_METHOD_NAMES],
  seeds: [0, 1, 2],
  setups: ['default'],
  factuals: 250,
  training: {},
  trainRows: 0,
  policy: 'reference',
  evalEps: 0.1,
  methodOptions: {},
  robustnessSigma: 0.05,
  robustnessSamples: 100,
  exactMlp: false,
};

/** The rule each grid field is checked against (type, range, allowed names). */
export const GRID_RULES: OptionRules<GridSpec> = {
  name: { type: 'value', help: 'label of the grid' },
  datasets: { type: 'value', help: 'dataset names' },
  models: { type: 'value', help: 'model kinds' },
  architectures: { type: 'value', help: 'MLP shapes' },
  eps: { type: 'numbers', min: 0, max: 1, nonEmpty: true, help: 'training radii', note: 'features are scaled to [0, 1]' },
  methods: { type: 'value', help: 'recourse methods' },
  seeds: { type: 'numbers', integer: true, min: 0, max: 2 ** 31 - 1, nonEmpty: true, help: 'seeds' },
  setups: { type: 'value', help: 'setup variants' },
  factuals: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'factual cap per model' },
  training: { type: 'object', help: 'training options for every model' },
  trainRows: { type: 'number', integer: true, min: 0, max: 100_000_000, help: 'training-row cap (0 = all)' },
  policy: { type: 'enum', values: GRID_POLICIES, help: 'factuals: negatives of the ε = 0 model, or of each model' },
  evalEps: { type: 'number', min: 0, max: 1, help: 'ε of the adversarial accuracy' },
  methodOptions: { type: 'object', help: 'per-method option overrides' },
  robustnessSigma: { type: 'number', min: 0, max: 1, help: 'σ of the recourse-robustness noise' },
  robustnessSamples: { type: 'number', integer: true, min: 1, max: 100_000, help: 'noisy copies per recourse' },
  exactMlp: { type: 'boolean', help: 'run exact on the MLPs too (a MILP per factual, docs/methods.md)' },
};

function nonEmptyNames(what: string, given: readonly string[], valid: readonly string[]): void {
  check(given.length > 0, `the grid needs at least one ${what}; choose from ${valid.join(', ')}`);
  for (const g of given) if (!valid.includes(g)) throw new RecourseError(`unknown ${what} '${g}'; choose from ${valid.join(', ')}`);
  const dup = given.find((g, i) => given.indexOf(g) !== i);
  check(dup === undefined, `${what} '${dup}' is listed twice`);
}

/** Fills defaults and validates a grid; every bad value is an error naming it and the valid choices. */
export function resolveGrid(given: Partial<GridSpec>): GridSpec {
  const g = resolveOptions('grid', DEFAULT_GRID, GRID_RULES, given);
  g.datasets.forEach((d) => d === 'synthetic' || datasetSpec(d));
  check(g.datasets.length > 0, 'the grid needs at least one dataset');
  nonEmptyNames('model', g.models, MODEL_KINDS);
  if (g.methods.length) nonEmptyNames('method', g.methods, RECOURSE_METHOD_NAMES);
  if (g.methods.length && !g.methods.some((m) => g.models.some((k) => methodApplies(m, k, g.exactMlp)))) {
    throw new RecourseError(
      `no method of [${g.methods.join(', ')}] applies to the models [${g.models.join(', ')}]: exact recourse runs on an MLP only when asked; add --exact-mlp (a MILP per factual), --models lr (or lr-closed), or use scfe, gsm, cchvae or roar for mlp`,
    );
  }
  check(g.setups.length > 0, 'the grid needs at least one setup');
  const setups = g.setups.map((s) => getSetup(s).name);
  const dupSetup = setups.find((s, i) => setups.indexOf(s) !== i);
  check(dupSetup === undefined, `setup '${dupSetup}' is listed twice`);
  check(g.architectures.length > 0, 'the grid needs at least one architecture');
  for (const a of g.architectures) {
    check(
      Number.isInteger(a.depth) && a.depth >= 1 && a.depth <= TRAIN_LIMITS.depth,
      `architecture depth must be an integer in [1, ${TRAIN_LIMITS.depth}]; got ${a.depth}`,
    );
    check(
      Number.isInteger(a.width) && a.width >= 0 && a.width <= TRAIN_LIMITS.width,
      `architecture width must be an integer in [0, ${TRAIN_LIMITS.width}] (0 = 2 × input dimension); got ${a.width}`,
    );
  }
  for (const m of Object.keys(g.methodOptions)) check((RECOURSE_METHOD_NAMES as readonly string[]).includes(m), `methodOptions names unknown method '${m}'`);
  for (const k of ['kind', 'eps', 'seed', 'depth', 'width', 'protocol', 'classWeight', 'epsUnits']) {
    check(!(k in g.training), `grid training option '${k}' is set by the grid point or the setup, not by training`);
  }
  resolveTrainOptions(g.training);
  const eps = [...new Set([0, ...g.eps])].sort((a, b) => a - b);
  return { ...g, eps, setups };
}
