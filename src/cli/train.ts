import { initBackend } from '../backend';
import { getDataset } from '../data';
import { effectiveEpochs, fitModel, resolveTrainOptions } from '../models';
import { progress } from './progress';
import type { ModelKind } from '../models/types';
import { checkEpsilon } from '../util/errors';
import { datasetFlag, num, output, str, type Command } from './args';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train (or load from the cache) one model and print accuracy, adversarial accuracy and degeneracy',
  flags: [
    datasetFlag('german'),
    { name: 'model', value: 'lr|lr-closed|mlp', help: 'model kind (lr-closed = eq. 16 closed-form robust LR)', default: 'lr' },
    { name: 'eps', value: 'number', help: 'ℓ∞ training radius in [0, 1] (0 = ERM)', default: '0' },
    { name: 'eval-eps', value: 'number', help: 'ε of the adversarial accuracy (default: --eps, or 0.1 for ERM)' },
    { name: 'seed', value: 'int', help: 'seed of initialisation, shuffling and PGD starts', default: '0' },
    { name: 'epochs', value: 'int', help: 'epochs (0 = automatic, ≈6000 optimiser steps)', default: '0' },
    { name: 'depth', value: 'int', help: 'MLP hidden layers', default: '1' },
    { name: 'width', value: 'int', help: 'MLP hidden width (0 = 2 × input dimension)', default: '0' },
    { name: 'optimizer', value: 'adam|sgd', help: 'optimiser', default: 'adam' },
    { name: 'learning-rate', value: 'number', help: 'learning rate', default: '0.01' },
    { name: 'batch-size', value: 'int', help: 'minibatch size', default: '256' },
    { name: 'pgd-steps', value: 'int', help: 'PGD steps k during adversarial training', default: '7' },
    { name: 'no-cache', help: 'train even when a cached model exists, and do not write the cache' },
    { name: 'json', help: 'print one JSON object' },
  ],
  async run(args) {
    const eps = checkEpsilon(num(args, 'eps'), '--eps');
    const evalEps = args['eval-eps'] !== undefined ? checkEpsilon(num(args, 'eval-eps'), '--eval-eps') : undefined;
    const kind = str(args, 'model') as ModelKind;
    const dataset = str(args, 'dataset');
    const opts = resolveTrainOptions({
      kind, eps, seed: num(args, 'seed'), epochs: num(args, 'epochs'), depth: num(args, 'depth'), width: num(args, 'width'),
      optimizer: str(args, 'optimizer') as 'adam' | 'sgd', learningRate: num(args, 'learning-rate'),
      batchSize: num(args, 'batch-size'), pgdSteps: num(args, 'pgd-steps'),
    });
    const ds = await getDataset(dataset);
    const backend = await initBackend({ quiet: !!args.json });
    const tick = progress('epoch', effectiveEpochs(opts, ds.train.x.rows), !args.json);
    const m = fitModel(ds, opts, { evalEps, cache: !args['no-cache'], onEpoch: (e, l) => tick(e, `loss ${l.toFixed(4)}`) });
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
