import type { Classifier } from '../../models/types';
import { RecourseError } from '../../util/errors';
import { matrix, row, type Matrix } from '../../util/matrix';
import { checkFactuals, logitsOf, mergeOptions, opt, RowClock } from '../common';
import { featureLayout } from '../../data/layout';
import { exactLinearRecourse } from './linear';
import type { RecourseContext, RecourseMethod, RecourseResult } from '../types';

export interface ExactOptions {
  /** Required logit of the counterfactual, wᵀx′ + b ≥ margin (default 1e-3: positive even after float32 rounding). */
  margin: number;
  /** Treat binary / one-hot columns as continuous in [0,1]: the relaxed floor, not a feasible recourse (default false). */
  relax: boolean;
  /** Branch-and-bound node cap per factual (default 200 000); beyond it the best point found is returned. */
  maxNodes: number;
  /** Unused (no randomness); accepted so every method takes a seed. */
  seed: number;
}

export interface ExactResult extends RecourseResult {
  /** Per factual: false when the branch and bound hit maxNodes (the row is feasible but maybe not optimal). */
  readonly optimal: boolean[];
}

/**
 * Exact minimum-ℓ2 recourse for linear models (beyond the paper): for each factual the closest point of
 * the feasible set (box, immutables, and unless `relax` binary/one-hot columns) whose logit reaches the
 * margin. Solved per factual in closed form plus branch and bound (linear.ts); no randomness.
 */
export const exact: RecourseMethod<ExactOptions, ExactResult> = {
  name: 'exact',
  summary: 'exact minimum-ℓ2 counterfactual of a linear model (closed form + branch and bound)',
  defaults: { margin: 1e-3, relax: false, maxNodes: 200_000, seed: 0 },
  async generate(model: Classifier, factuals: Matrix, options: Partial<ExactOptions> = {}, context: RecourseContext = {}): Promise<ExactResult> {
    const o = mergeOptions('exact', exact.defaults, options);
    opt.nonNegative('exact', 'margin', o.margin);
    opt.positiveInt('exact', 'maxNodes', o.maxNodes);
    checkFactuals(model, factuals);
    const lin = model.linear?.() ?? null;
    if (!lin) throw new RecourseError('method exact needs a linear model (--model lr or lr-closed); use scfe, gsm, cchvae or roar for an MLP');
    const layout = featureLayout(factuals.cols, context.spec);
    const clock = new RowClock(factuals.rows);
    const z = logitsOf(model, factuals);
    const out = matrix(factuals.rows, factuals.cols, Float32Array.from(factuals.data));
    const alreadyPositive = Array.from(z, (v) => v > 0);
    const optimal = new Array<boolean>(factuals.rows).fill(true);
    for (let i = 0; i < factuals.rows; i++) {
      if (alreadyPositive[i]) { clock.finish(i); continue; }
      const r = exactLinearRecourse(lin.w, lin.b, row(factuals, i), { margin: o.margin, layout, relax: o.relax, maxNodes: o.maxNodes });
      if (r.feasible) out.data.set(r.x, i * factuals.cols);
      optimal[i] = r.optimal;
      clock.finish(i);
    }
    const found = Array.from(logitsOf(model, out), (v) => v > 0);
    const totalSeconds = clock.close();
    return {
      method: 'exact', counterfactuals: out, found, alreadyPositive, iterations: new Array(factuals.rows).fill(0),
      seconds: clock.seconds, totalSeconds, optimal,
    };
  },
};
