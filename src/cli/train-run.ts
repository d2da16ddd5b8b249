import { initBackend } from '../backend';
import { getDataset } from '../data';
import { effectiveEpochs, fitModel, resolveTrainOptions } from '../models';
import type { ModelKind } from '../models/types';
import { progressEnabled } from '../util/log';
import { progress } from './progress';
import { bool, int, num, output, str } from './args';
import type { ParsedArgs } from './args';

/** Runs `recourse train` with parsed flags (loaded only when the command runs). */
export async function runTrain(args: ParsedArgs): Promise<number> {
  const eps = num(args, 'eps');
  const evalEps = args['eval-eps'] !== undefined ? num(args, 'eval-eps') : undefined;
  const kind = str(args, 'model') as ModelKind;
  const dataset = str(args, 'dataset');
  const opts = resolveTrainOptions({
    kind,
    eps,
    seed: int(args, 'seed'),
    epochs: int(args, 'epochs'),
    depth: int(args, 'depth'),
    width: int(args, 'width'),
    optimizer: str(args, 'optimizer') as 'adam' | 'sgd',
    learningRate: num(args, 'learning-rate'),
    batchSize: int(args, 'batch-size'),
    pgdSteps: int(args, 'pgd-steps'),
  });
  const ds = await getDataset(dataset);
  const backend = await initBackend({ quiet: args.json === true });
  const tick = progress('epoch', effectiveEpochs(opts, ds.train.x.rows), progressEnabled());
  const m = fitModel(ds, opts, { evalEps, cache: !bool(args, 'no-cache'), onEpoch: (e, l) => tick(e, `loss ${l.toFixed(4)}`) });
  const r = m.metrics;
  output(
    args,
    {
      dataset,
      model: kind,
      eps,
      seed: m.options.seed,
      accuracy: r.accuracy,
      advAccuracy: r.advAccuracy,
      exactAdvAccuracy: r.exactAdvAccuracy,
      evalEps: r.evalEps,
      positiveRate: r.positiveRate,
      degenerate: r.degenerate,
      trainSeconds: m.trainSeconds,
      epochs: m.epochs,
      fromCache: m.fromCache,
      backend,
    },
    () => [
      `model          ${kind} on ${dataset}, ε = ${eps}, seed ${m.options.seed}${m.fromCache ? ' (from cache)' : ''}`,
      `accuracy       ${(100 * r.accuracy).toFixed(2)}%`,
      `adv. accuracy  ${(100 * r.advAccuracy).toFixed(2)}% under PGD-20 at ε = ${r.evalEps}` +
        (r.exactAdvAccuracy !== null ? ` (exact worst case ${(100 * r.exactAdvAccuracy).toFixed(2)}%)` : ''),
      `predicted +    ${(100 * r.positiveRate).toFixed(1)}% of the test set`,
      `degenerate     ${r.degenerate ? 'YES — the model predicts one class for ≥ 99% of the test set' : 'no'}`,
      `training       ${m.trainSeconds.toFixed(2)} s, ${m.epochs} epochs (${m.backend})`,
    ],
  );
  return 0;
}
