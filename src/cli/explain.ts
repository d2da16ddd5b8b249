import { initBackend } from '../backend';
import { runExperiment } from '../experiments/runner';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { resolveTrainOptions } from '../models/options';
import { getRecourseMethod, RECOURSE_METHOD_NAMES } from '../recourse';
import { check, checkEpsilon, checkNonNegative, checkPositiveInt, RecourseError } from '../util/errors';
import { all, datasetFlag, int, num, output, progressLog, str, type Command } from './args';
import { parseMethodOptions } from './method-options';
import { unitProgress } from './unit-progress';

const fmt = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

export const explainCommand: Command = {
  name: 'explain',
  summary: 'generate recourses for test points with one method and print validity, cost, cost difference and time',
  flags: [
    datasetFlag('german'),
    { name: 'model', value: MODEL_KINDS.join('|'), help: 'model kind', default: 'lr' },
    { name: 'eps', value: 'number', help: 'ℓ∞ training radius of the model in [0, 1]', default: '0' },
    { name: 'method', value: RECOURSE_METHOD_NAMES.join('|'), help: 'recourse method', default: 'scfe' },
    { name: 'n', value: 'int', help: 'number of factuals (the first n test points chosen by the policy)', default: '200' },
    { name: 'policy', value: 'reference|negative', help: "factuals: predicted negative by the ε = 0 model ('reference', the same people under every ε) or by this model", default: 'reference' },
    { name: 'seed', value: 'int', help: 'seed of the model training and of the method', default: '0' },
    { name: 'epochs', value: 'int', help: 'training epochs of both models (0 = automatic)', default: '0' },
    { name: 'opt', value: 'key=value', help: 'a method option, e.g. --opt lambda=0.1 (repeatable; see docs/options.md)', repeat: true },
    { name: 'robustness-sigma', value: 'number', help: 'σ of the noise for recourse robustness (Fig. 16): share of noisy copies of each valid counterfactual still positive', default: '0.05' },
    { name: 'json', help: 'print one JSON object' },
  ],
  async run(args) {
    const eps = checkEpsilon(num(args, 'eps'), '--eps');
    const n = checkPositiveInt(num(args, 'n'), '--n');
    const sigma = checkNonNegative(num(args, 'robustness-sigma'), '--robustness-sigma');
    const seed = int(args, 'seed');
    const method = getRecourseMethod(str(args, 'method'));
    const policy = str(args, 'policy');
    check(policy === 'reference' || policy === 'negative', `unknown factual policy '${policy}'; choose reference or negative`);
    const dataset = str(args, 'dataset');
    const kind = resolveTrainOptions({ kind: str(args, 'model') as ModelKind }).kind;
    const methodOptions = parseMethodOptions(all(args, 'opt'), [method.name]);
    const backend = await initBackend({ quiet: !!args.json });
    const log = progressLog(args);
    const run = await runExperiment([{
      name: 'explain', datasets: [dataset], models: [kind], eps: [eps], methods: [method.name], seeds: [seed], factuals: n,
      policy, robustnessSigma: sigma, methodOptions, training: { epochs: int(args, 'epochs') },
    }], { onMessage: log, onProgress: unitProgress(!args.json) });
    const row = run.recourse.find((r) => r.eps === eps)!;
    if (!row.factuals) throw new RecourseError(row.note);
    const valid = Math.round(row.validity * row.factuals);
    output(args, {
      dataset, model: kind, eps, method: method.name, n: row.factuals, policy, seed, validity: row.validity, valid,
      validityNeeded: Number.isNaN(row.validityNeeded) ? null : row.validityNeeded, alreadyPositive: row.alreadyPositive,
      meanCostValid: Number.isNaN(row.cost) ? null : row.cost, meanCostAll: row.paperCost,
      costDiff: Number.isNaN(row.costDiff) ? null : row.costDiff, costDiffN: row.costDiffN,
      secondsPerFactual: row.seconds / row.factuals, totalSeconds: row.seconds, backend,
      robustness: Number.isNaN(row.robustness) ? null : row.robustness, robustnessSigma: sigma,
      modelAccuracy: row.accuracy, modelPositiveRate: row.positiveRate, degenerate: row.degenerate,
    }, () => [
      `model          accuracy ${(100 * row.accuracy).toFixed(1)}%, predicts ${(100 * row.positiveRate).toFixed(1)}% of the test set positive` +
        (row.degenerate ? ' — DEGENERATE (one class for ≥ 99% of the test set)' : ''),
      `recourse       ${method.name} for ${kind} (ε = ${eps}) on ${dataset}, ${row.factuals} factuals (policy ${policy})`,
      `validity       ${(100 * row.validity).toFixed(1)}% (${valid}/${row.factuals}), of which already positive: ${row.alreadyPositive}; ` +
        `${Number.isNaN(row.validityNeeded) ? 'no factual needed a recourse' : `${(100 * row.validityNeeded).toFixed(1)}% of the ${row.factuals - row.alreadyPositive} that needed one`}`,
      `mean ℓ2 cost   ${fmt(row.cost)} over valid recourses, ${fmt(row.paperCost)} over all (invalid count 0, the paper's Cost)`,
      ...(eps > 0 ? [`cost diff.     ${fmt(row.costDiff)} = ‖ζ_R‖ − ‖ζ_NR‖ against the ε = 0 model, over ${row.costDiffN} factuals valid under both`] : []),
      `robustness     ${fmt(row.robustness, 3)} of noisy copies (σ = ${sigma} on mutable continuous features) stay positive, mean over valid recourses`,
      `time           ${fmt(row.seconds / row.factuals, 5)} s per factual (${row.seconds.toFixed(2)} s in all, ${backend})`,
      ...(row.degenerate && row.alreadyPositive === row.factuals
        ? [`note           every factual is already positive under this model, so validity is 100% at cost 0 trivially; try a smaller --eps or --dataset adult`] : []),
    ]);
    return 0;
  },
};
