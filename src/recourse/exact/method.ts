import type { Classifier } from '../../models/types';
import { RecourseError } from '../../util/errors';
import { matrix, row } from '../../util/matrix';
import type { OptionRules } from '../../util/options';
import { defineMethod } from '../method';
import type { RecourseResult } from '../types';
import { exactLinearRecourse } from './linear';

/** Exact linear recourse options; see EXACT_RULES and docs/methods.md. */
export interface ExactOptions {
  margin: number;
  relax: boolean;
  maxNodes: number;
  seed: number;
}

export const EXACT_DEFAULTS: ExactOptions = { margin: 1e-3, relax: false, maxNodes: 200_000, seed: 0 };

export const EXACT_RULES: OptionRules<ExactOptions> = {
  margin: { type: 'number', min: 0, help: 'required logit of the counterfactual, wᵀx′ + b ≥ margin (positive even after float32 rounding)', source: 'project' },
  relax: { type: 'boolean', help: 'treat binary / one-hot columns as continuous: the relaxed floor, not a feasible recourse', source: 'project' },
  maxNodes: { type: 'number', integer: true, min: 1, max: 100_000_000, help: 'branch-and-bound node cap per factual; beyond it the best point found is returned', source: 'project' },
  seed: { type: 'number', integer: true, help: 'unused (no randomness); accepted so every method takes a seed' },
};

/** Per-row extras of an exact result. */
export type ExactExtras = {
  /** False when the branch and bound hit maxNodes (the row is feasible but maybe not optimal). */
  optimal: boolean[];
};

export type ExactResult = RecourseResult & ExactExtras;

function linearWeights(model: Classifier): { w: Float32Array; b: number } {
  const lin = model.linear?.() ?? null;
  if (!lin) throw new RecourseError('method exact needs a linear model (--model lr or lr-closed); use scfe, gsm, cchvae or roar for an MLP');
  return lin;
}

/**
 * Exact minimum-ℓ2 recourse for linear models (beyond the paper): for each factual the closest point of
 * the feasible set (box, immutables, and unless `relax` binary/one-hot columns) whose logit reaches the
 * margin. Solved per factual in closed form plus branch and bound (linear.ts); no randomness.
 */
export const exact = defineMethod<ExactOptions, ExactExtras>({
  name: 'exact',
  summary: 'exact minimum-ℓ2 counterfactual of a linear model (closed form + branch and bound)',
  defaults: EXACT_DEFAULTS,
  rules: EXACT_RULES,
  skipped: { optimal: true },
  requires: (model) => void linearWeights(model),
  async search({ model, factuals, options: o, layout, finish }) {
    const lin = linearWeights(model);
    const out = matrix(factuals.rows, factuals.cols, Float32Array.from(factuals.data));
    const optimal = new Array<boolean>(factuals.rows).fill(true);
    for (let i = 0; i < factuals.rows; i++) {
      const r = exactLinearRecourse(lin.w, lin.b, row(factuals, i), { margin: o.margin, layout, relax: o.relax, maxNodes: o.maxNodes });
      if (r.feasible) out.data.set(r.x, i * factuals.cols);
      optimal[i] = r.optimal;
      finish(i);
    }
    return { counterfactuals: out, iterations: new Array(factuals.rows).fill(0), extras: { optimal } };
  },
});
