import { initBackend } from '../backend';
import { runExperiment } from '../experiments/runner';
import type { GridPolicy } from '../metrics/policies';
import { type ModelKind } from '../models';
import { getRecourseMethod } from '../recourse';
import { RecourseError } from '../util/errors';
import { fixed } from '../util/format';
import { all, int, num, output, progressLog, str } from './args';
import { parseMethodOptions } from './method-options';
import { unitProgress } from './unit-progress';
import type { ParsedArgs } from './args';

/** Runs `recourse explain` with parsed flags (loaded only when the command runs). */
export async function runExplain(args: ParsedArgs): Promise<number> {
  const eps = num(args, 'eps');
  const n = int(args, 'n');
  const sigma = num(args, 'robustness-sigma');
  const seed = int(args, 'seed');
  const method = getRecourseMethod(str(args, 'method'));
  const policy = str(args, 'policy');
  const dataset = str(args, 'dataset');
  const kind = str(args, 'model') as ModelKind;
  const methodOptions = parseMethodOptions(all(args, 'opt'), [method.name]);
  const backend = await initBackend({ quiet: args.json === true });
  const log = progressLog();
  const run = await runExperiment(
    [
      {
        name: 'explain',
        datasets: [dataset],
        models: [kind],
        eps: [eps],
        methods: [method.name],
        seeds: [seed],
        factuals: n,
        policy: policy as GridPolicy,
        robustnessSigma: sigma,
        methodOptions,
        training: { epochs: int(args, 'epochs') },
        exactMlp: true,
      },
    ],
    { onMessage: log, onProgress: unitProgress(!args.json) },
  );
  const row = run.recourse.find((r) => r.eps === eps);
  if (!row) throw new RecourseError(`no recourse was computed for ${method.name} on ${kind} (ε = ${eps})`);
  if (!row.factuals) throw new RecourseError(row.note);
  const valid = Math.round(row.validity * row.factuals);
  const validNeeded = Math.round((Number.isNaN(row.validityNeeded) ? 0 : row.validityNeeded) * (row.factuals - row.alreadyPositive));
  output(
    args,
    {
      dataset,
      model: kind,
      eps,
      method: method.name,
      n: row.factuals,
      policy,
      seed,
      validity: row.validity,
      valid,
      validityNeeded: Number.isNaN(row.validityNeeded) ? null : row.validityNeeded,
      alreadyPositive: row.alreadyPositive,
      meanCostValid: Number.isNaN(row.cost) ? null : row.cost,
      meanCostAll: row.paperCost,
      costDiff: Number.isNaN(row.costDiff) ? null : row.costDiff,
      costDiffN: row.costDiffN,
      meanCostL1Valid: Number.isNaN(row.costL1) ? null : row.costL1,
      costDiffL1: Number.isNaN(row.costDiffL1) ? null : row.costDiffL1,
      provenOptimal: Number.isNaN(row.provenOptimal) ? null : row.provenOptimal,
      provenNoRecourse: Number.isNaN(row.provenNoRecourse) ? null : row.provenNoRecourse,
      secondsPerFactual: row.seconds / row.factuals,
      totalSeconds: row.seconds,
      backend,
      robustness: Number.isNaN(row.robustness) ? null : row.robustness,
      robustnessSigma: sigma,
      modelAccuracy: row.accuracy,
      modelPositiveRate: row.positiveRate,
      degenerate: row.degenerate,
      certified: row.certified,
    },
    () => [
      `model          accuracy ${(100 * row.accuracy).toFixed(1)}%, predicts ${(100 * row.positiveRate).toFixed(1)}% of the test set positive` +
        (row.degenerate ? ' — DEGENERATE (one class for ≥ 99% of the test set)' : ''),
      `recourse       ${method.name} for ${kind} (ε = ${eps}) on ${dataset}, ${row.factuals} factuals (policy ${policy})`,
      `validity       ${(100 * row.validity).toFixed(1)}% (${valid}/${row.factuals}), of which already positive: ${row.alreadyPositive}; ` +
        `${Number.isNaN(row.validityNeeded) ? 'no factual needed a recourse' : `${(100 * row.validityNeeded).toFixed(1)}% of the ${row.factuals - row.alreadyPositive} that needed one`}`,
      ...(row.certified
        ? [
            `certified      ${row.certified} of ${row.factuals} factuals have no recourse: the model predicts no point of their feasible set positive (proven before any search, docs/methods.md)`,
          ]
        : []),
      `mean ℓ2 cost   ${fixed(row.cost, 4)} over valid recourses, ${fixed(row.paperCost, 4)} over all (invalid count 0, the paper's Cost)`,
      `mean ℓ1 cost   ${fixed(row.costL1, 4)} over valid recourses${method.name === 'exact' && kind === 'mlp' ? ' (the norm exact minimises on an MLP)' : ''}`,
      ...(Number.isNaN(row.provenNoRecourse) || !row.provenNoRecourse
        ? []
        : [
            `no recourse    ${row.provenNoRecourse} of ${row.factuals} factuals proven to have none: the solver proved that the model predicts no point of their feature layout positive`,
          ]),
      ...(Number.isNaN(row.provenOptimal)
        ? []
        : [
            `proven optimal ${(100 * row.provenOptimal).toFixed(1)}% of the valid recourses needed (${Math.round(row.provenOptimal * validNeeded)} of ${validNeeded})${row.provenOptimal < 1 ? '; the others stopped at the time limit (--opt exact.timeLimit=S) with a recourse and a lower bound' : ''}`,
          ]),
      ...(eps > 0
        ? [
            `cost diff.     ${fixed(row.costDiff, 4)} = ‖ζ_R‖ − ‖ζ_NR‖ against the ε = 0 model (ℓ1: ${fixed(row.costDiffL1, 4)}), over ${row.costDiffN} factuals valid under both`,
          ]
        : []),
      `robustness     ${fixed(row.robustness, 3)} of noisy copies (σ = ${sigma} on mutable continuous features) stay positive, mean over valid recourses`,
      `time           ${fixed(row.seconds / row.factuals, 5)} s per factual (${row.seconds.toFixed(2)} s in all, ${backend})`,
      ...(row.degenerate && row.alreadyPositive === row.factuals
        ? [`note           every factual is already positive under this model, so validity is 100% at cost 0 trivially; try a smaller --eps or --dataset adult`]
        : []),
    ],
  );
  return 0;
}
