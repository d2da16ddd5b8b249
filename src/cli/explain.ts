import { initBackend } from '../backend';
import { getDataset } from '../data';
import { predictedPositive, recourseRobustness, selectFactuals, summarizeRecourse, type FactualPolicy } from '../metrics';
import { featureLayout } from '../data/layout';
import { fitModel, TRAIN_RULES, type ModelKind } from '../models';
import { getRecourseMethod, RECOURSE_METHOD_NAMES } from '../recourse';
import { datasetCaches, progressLog, int, datasetFlag, num, output, ruleFlag, str, type Command } from './args';
import { SEED_RULE } from './train';

const fmt = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

export const explainCommand: Command = {
  name: 'explain',
  summary: 'generate recourses for test points with one method and print validity, cost and time',
  flags: [
    datasetFlag('german'),
    ruleFlag('model', TRAIN_RULES.kind, 'lr', 'model kind'),
    ruleFlag('eps', TRAIN_RULES.eps, 0, 'ℓ∞ training radius of the model'),
    ruleFlag('method', { type: 'enum', values: RECOURSE_METHOD_NAMES, help: 'recourse method' }, 'scfe'),
    ruleFlag('n', { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'number of factuals (the first n test points chosen by the policy)' }, 200),
    ruleFlag('policy', { type: 'enum', values: ['negative', 'reference'], help: "factuals: predicted negative by this model, or by the ε = 0 model ('reference')" }, 'negative'),
    ruleFlag('seed', SEED_RULE, 0, 'seed of the model training and of the method'),
    ruleFlag('robustness-sigma', { type: 'number', min: 0, help: 'σ of the noise for recourse robustness (Fig. 16): share of noisy copies of each valid counterfactual still positive', note: 'features are scaled to [0, 1]' }, 0.05),
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), 'models', ...(args.method === 'cchvae' ? (['vae'] as const) : [])],
  async run(args) {
    const eps = num(args, 'eps');
    const n = int(args, 'n');
    const sigma = num(args, 'robustness-sigma');
    const seed = int(args, 'seed');
    const method = getRecourseMethod(str(args, 'method'));
    const policy = str(args, 'policy') as FactualPolicy;
    const dataset = str(args, 'dataset');
    const kind = str(args, 'model') as ModelKind;
    const ds = await getDataset(dataset);
    const backend = await initBackend({ quiet: args.json === true });
    const log = progressLog(args);
    log?.(`training or loading the ${kind} model at ε = ${eps}`);
    const trained = fitModel(ds, { kind, eps, seed });
    const model = trained.net;
    const reference = policy !== 'reference' ? undefined : eps === 0 ? model : fitModel(ds, { kind, eps: 0, seed }).net;
    const f = selectFactuals(ds.test, model, { policy, reference, n });
    log?.(`${method.name} on ${f.x.rows} factuals`);
    const r = await method.generate(model, f.x, { seed }, { spec: ds.spec, train: ds.train, onProgress: log });
    const s = summarizeRecourse(model, f.x, r);
    const valid = predictedPositive(model, r.counterfactuals);
    const robust = recourseRobustness(model, r.counterfactuals, valid, featureLayout(f.x.cols, ds.spec), { sigma, seed });
    output(args, {
      dataset, model: kind, eps, method: method.name, n: s.n, policy, seed, validity: s.validity, valid: s.valid,
      alreadyPositive: s.alreadyPositive, meanCostValid: s.meanCostValid, meanCostAll: s.meanCostAll,
      secondsPerFactual: s.secondsPerFactual, totalSeconds: r.totalSeconds, backend,
      robustness: Number.isNaN(robust.mean) ? null : robust.mean, robustnessSigma: sigma,
      modelAccuracy: trained.metrics.accuracy, modelPositiveRate: trained.metrics.positiveRate, degenerate: trained.metrics.degenerate,
    }, () => [
      `model          accuracy ${(100 * trained.metrics.accuracy).toFixed(1)}%, predicts ${(100 * trained.metrics.positiveRate).toFixed(1)}% of the test set positive` +
        (trained.metrics.degenerate ? ' — DEGENERATE (one class for ≥ 99% of the test set)' : ''),
      `recourse       ${method.name} for ${kind} (ε = ${eps}) on ${dataset}, ${s.n} factuals (policy ${policy})`,
      `validity       ${(100 * s.validity).toFixed(1)}% (${s.valid}/${s.n}), of which already positive: ${s.alreadyPositive}`,
      `mean ℓ2 cost   ${fmt(s.meanCostValid)} over valid recourses, ${fmt(s.meanCostAll)} over all (invalid count 0, the paper's Cost)`,
      `robustness     ${fmt(robust.mean, 3)} of noisy copies (σ = ${sigma} on mutable continuous features) stay positive, mean over valid recourses`,
      `time           ${fmt(s.secondsPerFactual, 5)} s per factual (${r.totalSeconds.toFixed(2)} s in all, ${backend})`,
    ]);
    return 0;
  },
};
