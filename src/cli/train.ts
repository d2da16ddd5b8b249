import { initBackend } from '../backend';
import { getDataset } from '../data';
import { effectiveEpochs, fitModel, resolveTrainOptions, TRAIN_RULES } from '../models';
import type { ModelKind } from '../models/types';
import { progressEnabled } from '../util/log';
import type { OptionRule } from '../util/options';
import { progress } from './progress';
import { bool, datasetCaches, datasetFlag, int, num, output, ruleFlag, str, type Command } from './args';

/** Seeds the command line accepts: every distinct 32-bit seed. */
export const SEED_RULE: OptionRule = { type: 'number', integer: true, min: -2_147_483_648, max: 2_147_483_647, help: TRAIN_RULES.seed.help };

export const trainCommand: Command = {
  name: 'train',
  summary: 'train (or load from the cache) one model and print accuracy, adversarial accuracy and degeneracy',
  flags: [
    datasetFlag('german'),
    ruleFlag('model', TRAIN_RULES.kind, 'lr', 'model kind (lr-closed = eq. 16 closed-form robust LR)'),
    ruleFlag('eps', TRAIN_RULES.eps, 0),
    ruleFlag('eval-eps', { ...TRAIN_RULES.eps, help: 'ε of the adversarial accuracy (default: --eps, or 0.1 for ERM)' }),
    ruleFlag('seed', SEED_RULE, 0),
    ruleFlag('epochs', TRAIN_RULES.epochs, 0),
    ruleFlag('depth', TRAIN_RULES.depth, 1),
    ruleFlag('width', TRAIN_RULES.width, 0),
    ruleFlag('optimizer', TRAIN_RULES.optimizer, 'adam'),
    ruleFlag('learning-rate', TRAIN_RULES.learningRate, 0.01),
    ruleFlag('batch-size', TRAIN_RULES.batchSize, 256),
    ruleFlag('pgd-steps', TRAIN_RULES.pgdSteps, 7),
    { name: 'no-cache', help: 'train even when a cached model exists, and do not write the cache' },
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), ...(bool(args, 'no-cache') ? [] : (['models'] as const))],
  async run(args) {
    const eps = num(args, 'eps');
    const evalEps = args['eval-eps'] !== undefined ? num(args, 'eval-eps') : undefined;
    const kind = str(args, 'model') as ModelKind;
    const dataset = str(args, 'dataset');
    const opts = resolveTrainOptions({
      kind, eps, seed: int(args, 'seed'), epochs: int(args, 'epochs'), depth: int(args, 'depth'), width: int(args, 'width'),
      optimizer: str(args, 'optimizer') as 'adam' | 'sgd', learningRate: num(args, 'learning-rate'),
      batchSize: int(args, 'batch-size'), pgdSteps: int(args, 'pgd-steps'),
    });
    const ds = await getDataset(dataset);
    const backend = await initBackend({ quiet: args.json === true });
    const tick = progress('epoch', effectiveEpochs(opts, ds.train.x.rows), progressEnabled());
    const m = fitModel(ds, opts, { evalEps, cache: !bool(args, 'no-cache'), onEpoch: (e, l) => tick(e, `loss ${l.toFixed(4)}`) });
    const r = m.metrics;
    output(args, {
      dataset, model: kind, eps, seed: m.options.seed, accuracy: r.accuracy, advAccuracy: r.advAccuracy,
      exactAdvAccuracy: r.exactAdvAccuracy, evalEps: r.evalEps, positiveRate: r.positiveRate, degenerate: r.degenerate,
      trainSeconds: m.trainSeconds, epochs: m.epochs, fromCache: m.fromCache, backend,
    }, () => [
      `model          ${kind} on ${dataset}, ε = ${eps}, seed ${m.options.seed}${m.fromCache ? ' (from cache)' : ''}`,
      `accuracy       ${(100 * r.accuracy).toFixed(2)}%`,
      `adv. accuracy  ${(100 * r.advAccuracy).toFixed(2)}% under PGD-20 at ε = ${r.evalEps}` +
        (r.exactAdvAccuracy !== null ? ` (exact worst case ${(100 * r.exactAdvAccuracy).toFixed(2)}%)` : ''),
      `predicted +    ${(100 * r.positiveRate).toFixed(1)}% of the test set`,
      `degenerate     ${r.degenerate ? 'YES — the model predicts one class for ≥ 99% of the test set' : 'no'}`,
      `training       ${m.trainSeconds.toFixed(2)} s, ${m.epochs} epochs (${m.backend})`,
    ]);
    return 0;
  },
};
