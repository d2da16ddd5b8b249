import type { LayerWeights } from '../../models/dense';
import type { Classifier } from '../../models/types';
import { RecourseError } from '../../util/errors';
import { stopPoint } from '../../util/stop';
import { matrix, row, spreadRows } from '../../util/matrix';
import type { OptionRules } from '../../util/options';
import { defineMethod } from '../method';
import type { RecourseResult } from '../types';
import { exactLinearRecourse } from './linear';
import { closestValidPoint, startingRecourse } from './milp-start';
import { reluMilpRecourse } from './relu-milp';
import type { ExactNorm } from './relu-net';

/** Exact recourse options; see EXACT_RULES and docs/methods.md. */
export interface ExactOptions {
  margin: number;
  relax: boolean;
  maxNodes: number;
  norm: ExactNorm;
  timeLimit: number;
  seed: number;
}

/** The exact method's options when none are given (ℓ1 cost, 1 s of solver time per factual on a ReLU network). */
export const EXACT_DEFAULTS: ExactOptions = { margin: 1e-5, relax: false, maxNodes: 200_000, norm: 'l1', timeLimit: 1, seed: 0 };

/** The rule each of the exact method's options is checked against. */
export const EXACT_RULES: OptionRules<ExactOptions> = {
  margin: { type: 'number', min: 0, help: 'required logit of the counterfactual (positive even after float32 rounding)', source: 'project' },
  relax: {
    type: 'boolean',
    help: 'linear models: treat binary / one-hot columns as continuous (the relaxed floor, not a feasible recourse)',
    source: 'project',
  },
  maxNodes: {
    type: 'number',
    integer: true,
    min: 1,
    max: 100_000_000,
    help: 'linear models: branch-and-bound node cap per factual; beyond it the best point found is returned',
    source: 'project',
  },
  norm: { type: 'enum', values: ['l1', 'linf'], help: 'ReLU networks: the cost minimised, ℓ1 or ℓ∞ (linear models always minimise ℓ2)', source: 'project' },
  timeLimit: {
    type: 'number',
    above: 0,
    help: 'ReLU networks: seconds of HiGHS per factual; at the limit the best recourse found and the proven lower bound are returned',
    source: 'project',
  },
  seed: { type: 'number', integer: true, help: 'unused (no randomness); accepted so every method takes a seed' },
};

/** Per-row extras of an exact result. */
export type ExactExtras = {
  /** True when the row's minimum is proven (false: a node or time limit stopped the solver first). */
  optimal: boolean[];
  /** A proven lower bound on the row's minimal cost (= its cost when optimal; Infinity when no recourse exists). */
  lowerBound: number[];
  /** True when the solver proved that no point of the feature layout reaches the margin. */
  noRecourse: boolean[];
  /** Binary variables of the row's program (ReLU networks; 0 for linear models). */
  binaries: number[];
};

/** The exact method's result: the recourses with per-row optimality, lower bounds and status. */
export type ExactResult = RecourseResult & ExactExtras;

/** The norm exact minimises for a model: ℓ2 for a linear model, else the `norm` option (default ℓ1). */
export function exactNorm(model: Classifier, options: Partial<ExactOptions> = {}): 'l2' | ExactNorm {
  return exactModel(model).kind === 'linear' ? 'l2' : (options.norm ?? EXACT_DEFAULTS.norm);
}

/** Training rows tried as starting solutions (evenly spread over the training split). */
const START_CANDIDATES = 2000;

/** The model as what exact solves: a linear model's weights, or the layers of one dense ReLU network. */
function exactModel(model: Classifier): { kind: 'linear'; w: Float32Array; b: number } | { kind: 'relu'; layers: LayerWeights[] } {
  const lin = model.linear?.() ?? null;
  if (lin) return { kind: 'linear', ...lin };
  const nets = model.denseNets?.() ?? null;
  if (nets && nets.length === 1) return { kind: 'relu', layers: nets[0] };
  throw new RecourseError('method exact needs a linear model or one dense ReLU network (lr, lr-closed, mlp); this model is neither');
}

/**
 * Exact minimal-cost recourse (beyond the paper), no randomness. Linear models: the closest point in ℓ2 of the
 * feasible set (box, immutables, and unless `relax` binary/one-hot columns) whose logit reaches the margin, in
 * closed form plus branch and bound (linear.ts). ReLU networks: the minimal ℓ1 (or ℓ∞) cost as a mixed-integer
 * program solved by HiGHS (relu-milp.ts), certified optimal or, at the time limit, with a proven lower bound.
 */
export const exact = defineMethod<ExactOptions, ExactExtras>({
  name: 'exact',
  summary: 'exact minimal-cost counterfactual: ℓ2 for linear models (closed form + branch and bound), ℓ1/ℓ∞ for ReLU networks (MILP, HiGHS)',
  defaults: EXACT_DEFAULTS,
  rules: EXACT_RULES,
  skipped: { optimal: true, lowerBound: 0, noRecourse: false, binaries: 0 },
  requires: (model) => void exactModel(model),
  async search({ model, factuals, options: o, layout, context, finish }) {
    const m = exactModel(model);
    const n = factuals.rows;
    const out = matrix(n, factuals.cols, Float32Array.from(factuals.data));
    // ReLU nets: the closest valid training row (immutables set to the factual's) starts each program
    const candidates = m.kind === 'relu' && context.train ? spreadRows(context.train.x, START_CANDIDATES) : null;
    const extras: ExactExtras = {
      optimal: new Array(n).fill(true),
      lowerBound: new Array(n).fill(0),
      noRecourse: new Array(n).fill(false),
      binaries: new Array(n).fill(0),
    };
    for (let i = 0; i < n; i++) {
      await stopPoint(context.signal);
      if (m.kind === 'linear') {
        const r = exactLinearRecourse(m.w, m.b, row(factuals, i), { margin: o.margin, layout, relax: o.relax, maxNodes: o.maxNodes });
        if (r.feasible) out.data.set(r.x, i * factuals.cols);
        extras.optimal[i] = r.optimal;
        extras.noRecourse[i] = !r.feasible;
        extras.lowerBound[i] = r.feasible ? (r.optimal ? r.cost : 0) : Infinity;
      } else {
        const x0 = row(factuals, i);
        const closest = candidates ? closestValidPoint(m.layers, x0, layout, candidates, o.margin, o.norm) : null;
        const start = startingRecourse(m.layers, x0, layout, closest, o.margin, o.norm) ?? undefined;
        const r = await reluMilpRecourse(m.layers, x0, layout, { norm: o.norm, margin: o.margin, timeLimit: o.timeLimit }, start);
        if (r.x) out.data.set(r.x, i * factuals.cols);
        extras.optimal[i] = r.status !== 'time-limit';
        extras.noRecourse[i] = r.status === 'infeasible';
        extras.lowerBound[i] = r.lowerBound;
        extras.binaries[i] = r.binaries;
      }
      finish(i);
    }
    return { counterfactuals: out, iterations: new Array(n).fill(0), extras };
  },
});
