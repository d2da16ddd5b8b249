/**
 * The model cache: a trained model is stored under the hash of its training options and both data splits,
 * so `fitModel` trains once and loads after; the file format is model-file.ts.
 */
import { backendName } from '../backend';
import type { Dataset } from '../data/types';
import { artifactKey, cached, readArtifact, writeArtifact } from '../util/artifacts';
import { RecourseError } from '../util/errors';
import { warn } from '../util/log';
import { cacheDir } from '../util/paths';
import { evaluateModel, evaluationRadius } from './evaluate';
import { checkModelFile, fromFile, toFile, type ModelExpectation, type TrainedModel } from './model-file';
import { resolveTrainOptions, storedOptions, type TrainOptions } from './options';
import { radiusScaleFor } from './radius';
import { trainModel, type TrainResult } from './train';

/** Fingerprint of one dataset's columns and both splits, so a changed train or test file never reuses a stale model or metric. */
export function dataFingerprint(ds: Dataset): string {
  const { name, label, features } = ds.spec;
  return artifactKey({ name, label, features }, ds.train.x.data, ds.train.y, ds.test.x.data, ds.test.y).slice(0, 16);
}

/** Cache key of a training run: data fingerprint (train and test, since metrics are cached) + every training option. */
export function modelKey(ds: Dataset, o: TrainOptions): string {
  return artifactKey({ data: dataFingerprint(ds), o: storedOptions(o) });
}

/** Throws "training diverged" when the loss history or the weights of a fresh run are not finite. */
export function checkConverged(r: TrainResult, what: string): void {
  const k = r.lossHistory.findIndex((l) => !Number.isFinite(l));
  const weightsOk = r.net.weights().every((l) => l.W.every(Number.isFinite) && l.b.every(Number.isFinite));
  if (k < 0 && weightsOk) return;
  const cause = k >= 0 ? `the loss became ${r.lossHistory[k]} at epoch ${k + 1}` : `the weights became non-finite by epoch ${r.epochs}`;
  throw new RecourseError(`training diverged (${what}): ${cause}; lower --learning-rate or check the data`);
}

/** How fitModel evaluates and caches a model: the ε of the adversarial accuracy, the cache switch and an epoch callback. */
export interface FitOptions {
  /** ε for the adversarial accuracy (default: the training ε, or 0.1 for ERM). */
  evalEps?: number;
  /** Reuse and write the model cache (default true). */
  cache?: boolean;
  /** Called after each training epoch with its mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** A freshly trained result as a TrainedModel, evaluated; a diverged run throws (its net disposed) and is never returned, so never cached. */
export function trainedModel(ds: Dataset, r: TrainResult, evalEps: number): TrainedModel {
  try {
    checkConverged(r, `${r.options.kind} on ${ds.spec.name}, ε = ${r.options.eps}`);
  } catch (e) {
    r.net.dispose();
    throw e;
  }
  return {
    dataset: ds.spec.name,
    options: r.options,
    net: r.net,
    metrics: evaluateModel(r.net, ds.test, evalEps, { radiusScale: radiusScaleFor(r.options, ds.train) }),
    epochs: r.epochs,
    steps: r.steps,
    lossHistory: r.lossHistory,
    selectedEpoch: r.selectedEpoch,
    trainSeconds: r.trainSeconds,
    backend: backendName(),
    scaler: ds.scaler,
    fromCache: false,
    cacheFile: null,
  };
}

/** Where the cache keeps the model of a dataset and training configuration. */
export function modelCacheFile(ds: Dataset, o: TrainOptions, key = modelKey(ds, o)): string {
  return cacheDir('models', `${ds.spec.name}-${o.kind}-eps${o.eps}-seed${o.seed}-${key}.json`);
}

/** The cached model for these options, validated (a bad file is reported once and treated as missing), or null. */
export function readCachedModel(ds: Dataset, o: TrainOptions): TrainedModel | null {
  const key = modelKey(ds, o);
  const file = modelCacheFile(ds, o, key);
  const r = readArtifact(file, (b) => fromFile(checkModelFile(b, { key, options: o, inputDim: ds.train.x.cols }), file));
  if (r.status === 'invalid') warn(`cache file ${file} is invalid (${r.reason}); recomputing`);
  return r.status === 'ok' ? r.value : null;
}

/** Writes a trained model to the cache; returns its file, or null when the write failed (already warned). */
export function storeModel(ds: Dataset, m: TrainedModel): string | null {
  const key = modelKey(ds, m.options);
  const file = modelCacheFile(ds, m.options, key);
  return writeArtifact(file, toFile(m, key)) ? file : null;
}

/**
 * Trains a model on a dataset, or loads it from the cache keyed by the full training config and both
 * splits; a cache file that does not validate is recomputed with one warning. Adversarial accuracy is
 * measured at `evalEps` (default: the training ε, or 0.1 for an ERM model).
 */
export function fitModel(ds: Dataset, opts: Partial<TrainOptions>, f: FitOptions = {}): TrainedModel {
  const o = resolveTrainOptions(opts);
  const evalEps = evaluationRadius(o.eps, f.evalEps);
  const key = modelKey(ds, o);
  const file = modelCacheFile(ds, o, key);
  const expect: ModelExpectation = { key, options: o, inputDim: ds.train.x.cols };
  const r = cached(file, {
    enabled: f.cache !== false,
    validate: (b) => fromFile(checkModelFile(b, expect), file),
    compute: () => trainedModel(ds, trainModel(ds.train, o, f.onEpoch), evalEps),
    serialize: (m) => toFile(m, key),
  });
  const m: TrainedModel = r.fromCache ? r.value : { ...r.value, cacheFile: r.file };
  return m.metrics.evalEps === evalEps ? m : { ...m, metrics: evaluateModel(m.net, ds.test, evalEps, { radiusScale: radiusScaleFor(o, ds.train) }) };
}
