/**
 * Sweeps the notebook uses as evidence: Theorem 1 across λ for the closed forms (where Definition 1's extra
 * λ matters), and the validity statements (Theorems 4, 5) across the robustness radius ε.
 */
import type { Dataset } from '../../data/types';
import { checkTheorem1, findStatement, matchesVariant, summarize, variantLabel, type Variant } from '../../theory/index';
import { RecourseError } from '../../util/errors';
import { norm2, type Matrix } from '../../util/matrix';
import type { LrPairWeights } from './lr-pair';
import { closedFormCosts, targetResiduals, theorem1Rows, weightGap } from './measure-lr';
import { runTheory } from './run';
import type { Stepped, TheoryModel } from './types';

export interface LambdaSweepRow {
  readonly lambda: number;
  /** Which ζ and which bound (Δ is always the measured gap). */
  readonly variant: Variant;
  readonly label: string;
  readonly instances: number;
  readonly holds: number;
  readonly violated: number;
  readonly vacuous: number;
  readonly lhsMedian: number;
  readonly boundMedian: number;
}

/** The three readings the λ sweep measures. */
export const LAMBDA_SWEEP_VARIANTS: readonly Variant[] = [
  { zeta: 'paper-def1', delta: 'measured', bound: 'paper' },
  { zeta: 'closed-form', delta: 'measured', bound: 'paper' },
  { zeta: 'closed-form', delta: 'measured', bound: 'corrected' },
];

/** Theorem 1 with Δ = the measured ‖w_NR − w_R‖ for each λ: Definition 1 as printed, the true minimiser, and our corrected bound. */
export function theorem1LambdaSweep(w: LrPairWeights, x: Matrix, lambdas: readonly number[], s: number): LambdaSweepRow[] {
  const deltas = new Array<number>(x.rows).fill(weightGap(w.wNR, w.wR));
  const residualNR = targetResiduals(w.wNR, w.bNR, x, s);
  const residualR = targetResiduals(w.wR, w.bR, x, s);
  return lambdas.flatMap((lambda) =>
    LAMBDA_SWEEP_VARIANTS.map((variant) => {
      const form = variant.zeta === 'paper-def1' ? 'paper-def1' : 'closed-form';
      const rows = theorem1Rows({
        costNR: closedFormCosts(w.wNR, w.bNR, x, s, lambda, form),
        costR: closedFormCosts(w.wR, w.bR, x, s, lambda, form),
        deltas,
        residualNR,
        residualR,
      });
      const m = summarize(checkTheorem1({ variant, params: { lambda, wNrNorm: norm2(w.wNR) }, rows }));
      return {
        lambda,
        variant,
        label: variantLabel(variant),
        instances: m.instances,
        holds: m.holds,
        violated: m.violated,
        vacuous: m.vacuous,
        lhsMedian: m.lhsMedian,
        boundMedian: m.boundMedian,
      };
    }),
  );
}

/** The λ-sweep row at `lambda` whose variant matches `variant` field by field. */
export function lambdaSweepRow(rows: readonly LambdaSweepRow[], lambda: number, variant: Variant): LambdaSweepRow {
  const hit = rows.find((r) => r.lambda === lambda && matchesVariant(r.variant, variant));
  if (!hit) throw new RecourseError(`no λ-sweep row for λ = ${lambda} and {${variantLabel(variant)}}`);
  return hit;
}

export interface ValiditySweepRow {
  readonly eps: number;
  readonly instances: number;
  /**
   * SCFE's found rate: the share of the instances (test points both models predict negative) for which SCFE
   * returned a point the model predicts positive. Not the validity of the section notebooks, which runs over
   * the ε = 0 model's negatives and counts points the robust model already predicts positive.
   */
  readonly foundNR: number;
  readonly foundR: number;
  /** Instances where either search found no recourse (vacuous). */
  readonly noRecourse: number;
  readonly conditionHolds: number;
  readonly conclusionHolds: number;
  readonly counterexamples: number;
  /** Robust model predicts one class for ≥ 99% of the test set (LR only, null for NTK). */
  readonly degenerateR: boolean | null;
  /** Share of test points the robust model predicts positive. */
  readonly positiveRateR: number;
}

/** Theorem 4 (model 'lr', Δ from Lemma 1) or Theorem 5 (model 'ntk') at each ε, with SCFE recourses. */
export async function validitySweep(
  ds: Dataset,
  model: TheoryModel,
  grid: readonly number[],
  o: { n: number; seed: number; lrEpochs?: number; ntkTrain?: number } & Stepped,
): Promise<ValiditySweepRow[]> {
  const rows: ValiditySweepRow[] = [];
  for (const eps of grid) {
    await o.beginStep?.(`${model.toUpperCase()} ε = ${eps}`);
    const run =
      model === 'lr'
        ? await runTheory(ds, { model, eps, n: o.n, seed: o.seed, cchvae: false, pair: { epochs: o.lrEpochs ?? 0 } })
        : await runTheory(ds, { model, eps, n: o.n, seed: o.seed, cchvae: false, pair: { n: o.ntkTrain ?? 500 } });
    const st = run.model === 'lr' ? findStatement(run.statements, 'theorem4', { delta: 'lemma1' }) : findStatement(run.statements, 'theorem5');
    const i = st.implication!;
    rows.push({
      eps,
      instances: st.checks.length,
      foundNR: run.facts.scfeFoundNR,
      foundR: run.facts.scfeFoundR,
      noRecourse: i.noRecourse,
      conditionHolds: i.conditionHolds,
      conclusionHolds: i.conclusionHolds,
      counterexamples: i.counterexamples,
      degenerateR: run.model === 'lr' ? run.facts.degenerateR : null,
      positiveRateR: run.facts.positiveRateR,
    });
  }
  return rows;
}
