/**
 * Recourses for the theory checks, generated through the recourse catalog (issue 3) so the checks
 * measure the same methods the experiments run. SCFE runs with its default options on the unconstrained
 * feature space (every column continuous and mutable, only the [0,1] box), the setting the theorems
 * assume; its λ and target logit s are the ones the bounds and the closed forms use.
 */
import type { Classifier } from '../../models/types';
import { getRecourseMethod, SCFE_DEFAULTS, type ScfeOptions } from '../../recourse/index';
import type { Matrix } from '../../util/matrix';
import { displacements } from '../../theory/cost-diff';

export interface GeneratedRecourses {
  readonly counterfactuals: Matrix;
  /** ζ = x′ − x per factual. */
  readonly zetas: Float64Array[];
  readonly found: boolean[];
  readonly seconds: number;
}

/** SCFE options with the defaults filled in (λ and s are needed by the bounds). */
export function scfeOptions(given: Partial<ScfeOptions> = {}): ScfeOptions {
  return { ...SCFE_DEFAULTS, ...given };
}

export async function scfeRecourses(model: Classifier, factuals: Matrix, o: ScfeOptions): Promise<GeneratedRecourses> {
  const r = await getRecourseMethod('scfe').generate(model, factuals, o);
  return { counterfactuals: r.counterfactuals, zetas: displacements(r.counterfactuals, factuals), found: r.found, seconds: r.totalSeconds };
}

/** Share of true values. */
export function rate(flags: readonly boolean[]): number {
  return flags.length ? flags.filter(Boolean).length / flags.length : NaN;
}
