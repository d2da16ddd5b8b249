import type { Dataset } from '../data/types';
import { evaluateModel, evaluationRadius } from './evaluate';
import { radiusScaleFor } from './radius';
import { resolveTrainOptions, type TrainOptions } from './options';
import type { TrainedModel } from './model-file';
import { readCachedModel, storeModel, trainedModel } from './store';
import { trainGrid } from './train-grid';

/** How fitGrid evaluates and caches its models: the ε of the adversarial accuracy, the cache switch and a callback per model. */
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
 * fitModel for a whole ε grid: cached models are loaded (a bad file is reported and retrained), the missing
 * ones are trained together by trainGrid (one stacked run), checked for divergence, evaluated and written to
 * the cache, one file per model as fitModel writes them.
 */
export function fitGrid(ds: Dataset, base: Partial<TrainOptions>, epsGrid: readonly number[], f: GridFitOptions = {}): GridFit {
  const opts = epsGrid.map((eps) => resolveTrainOptions({ ...base, eps }));
  const evalEpsOf = (o: TrainOptions) => evaluationRadius(o.eps, f.evalEps);
  const models: (TrainedModel | null)[] = opts.map(() => null);
  let evalSeconds = 0;
  const timedEval = <T>(g: () => T): T => {
    const t0 = performance.now();
    try {
      return g();
    } finally {
      evalSeconds += (performance.now() - t0) / 1000;
    }
  };
  opts.forEach((o, i) => {
    const m = f.cache === false ? null : readCachedModel(ds, o);
    if (!m) return;
    models[i] =
      m.metrics.evalEps === evalEpsOf(o)
        ? m
        : { ...m, metrics: timedEval(() => evaluateModel(m.net, ds.test, evalEpsOf(o), { radiusScale: radiusScaleFor(o, ds.train) })) };
    f.onModel?.(models[i]!);
  });
  const missing = opts.flatMap((o, i) => (models[i] ? [] : [i]));
  let trainSeconds = 0;
  if (missing.length) {
    const t0 = performance.now();
    const results = trainGrid(
      ds.train,
      missing.map((i) => opts[i]),
    );
    trainSeconds = (performance.now() - t0) / 1000;
    results.forEach((r, j) => {
      try {
        const m = timedEval(() => trainedModel(ds, r, evalEpsOf(r.options)));
        const file = f.cache === false ? null : storeModel(ds, m);
        models[missing[j]] = { ...m, cacheFile: file };
        f.onModel?.(models[missing[j]]!);
      } catch (e) {
        results.slice(j + 1).forEach((rest) => rest.net.dispose());
        models.forEach((done) => done?.net.dispose());
        throw e;
      }
    });
  }
  return { models: models as TrainedModel[], trainSeconds, evalSeconds };
}
