import { existsSync } from 'node:fs';
import { backendName } from '../backend';
import type { Dataset } from '../data/types';
import { evaluateModel } from './evaluate';
import type { Net } from './net';
import { resolveTrainOptions, type TrainOptions } from './options';
import { loadModel, modelCacheFile, modelKey, saveModel, type TrainedModel } from './store';
import { trainGrid } from './train-grid';

export interface GridFitOptions {
  /** ε of the adversarial accuracy (default: each model's training ε, or 0.1 for ERM). */
  evalEps?: number;
  /** Reuse and write the model cache (default true). */
  cache?: boolean;
  /** Called after each model is ready (cached or trained and evaluated). */
  onModel?: (m: TrainedModel) => void;
}

/** An ε grid of trained models, in grid order, and the seconds spent training and evaluating in this call. */
export interface GridFit {
  models: TrainedModel[];
  trainSeconds: number;
  evalSeconds: number;
}

/**
 * fitModel for a whole ε grid: cached models are loaded, the missing ones are trained together by trainGrid
 * (one stacked run) and then evaluated and written to the cache, one file per model as fitModel writes them.
 */
export function fitGrid(ds: Dataset, base: Partial<TrainOptions>, epsGrid: readonly number[], f: GridFitOptions = {}): GridFit {
  const opts = epsGrid.map((eps) => resolveTrainOptions({ ...base, eps }));
  const evalEpsOf = (o: TrainOptions) => f.evalEps ?? (o.eps > 0 ? o.eps : 0.1);
  const models: (TrainedModel | null)[] = opts.map(() => null);
  let evalSeconds = 0;
  const evaluate = (net: Net, o: TrainOptions) => {
    const t0 = performance.now();
    const metrics = evaluateModel(net, ds.test, evalEpsOf(o));
    evalSeconds += (performance.now() - t0) / 1000;
    return metrics;
  };
  opts.forEach((o, i) => {
    const file = modelCacheFile(ds, o);
    if (f.cache === false || !existsSync(file)) return;
    const m = loadModel(file);
    models[i] = m.metrics.evalEps === evalEpsOf(o) ? m : { ...m, metrics: evaluate(m.net, o) };
    f.onModel?.(models[i]!);
  });
  const missing = opts.flatMap((o, i) => (models[i] ? [] : [i]));
  let trainSeconds = 0;
  if (missing.length) {
    const t0 = performance.now();
    const results = trainGrid(ds.train, missing.map((i) => opts[i]));
    trainSeconds = (performance.now() - t0) / 1000;
    results.forEach((r, j) => {
      const i = missing[j];
      const key = modelKey(ds, r.options);
      const m: TrainedModel = {
        dataset: ds.spec.name, options: r.options, net: r.net, metrics: evaluate(r.net, r.options),
        epochs: r.epochs, steps: r.steps, lossHistory: r.lossHistory, trainSeconds: r.trainSeconds, backend: backendName(),
        scaler: ds.scaler, fromCache: false, cacheFile: f.cache === false ? null : modelCacheFile(ds, r.options, key),
      };
      if (m.cacheFile) saveModel(m, m.cacheFile, key);
      models[i] = m;
      f.onModel?.(m);
    });
  }
  return { models: models as TrainedModel[], trainSeconds, evalSeconds };
}
