import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendName } from '../backend';
import type { Dataset } from '../data/types';
import { RecourseError } from '../util/errors';
import { cacheDir } from '../util/paths';
import { evaluateModel, type ModelMetrics } from './evaluate';
import { Net, type LayerWeights } from './net';
import { resolveTrainOptions, type TrainOptions } from './options';
import { trainModel } from './train';

/** A trained model with everything needed to reproduce and interpret it. */
export interface TrainedModel {
  readonly dataset: string;
  readonly options: TrainOptions;
  readonly net: Net;
  readonly metrics: ModelMetrics;
  readonly epochs: number;
  readonly steps: number;
  readonly lossHistory: number[];
  readonly trainSeconds: number;
  readonly backend: string;
  readonly scaler: { min: readonly number[]; max: readonly number[] };
  /** True when it was read from the cache instead of trained now. */
  readonly fromCache: boolean;
  readonly cacheFile: string | null;
}

interface ModelFile {
  format: 'robust-recourse/model@1';
  key: string;
  dataset: string;
  options: TrainOptions;
  layers: LayerWeights[];
  metrics: ModelMetrics;
  epochs: number;
  steps: number;
  lossHistory: number[];
  trainSeconds: number;
  backend: string;
  scaler: { min: number[]; max: number[] };
}

/** Fingerprint of the training data, so a changed file never reuses a stale model. */
export function dataFingerprint(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(ds.spec.name);
  h.update(Buffer.from(ds.train.x.data.buffer, ds.train.x.data.byteOffset, ds.train.x.data.byteLength));
  h.update(Buffer.from(ds.train.y.buffer, ds.train.y.byteOffset, ds.train.y.byteLength));
  return h.digest('hex').slice(0, 16);
}

/** Cache key of a training run: data fingerprint + every training option. */
export function modelKey(ds: Dataset, o: TrainOptions): string {
  const canon = JSON.stringify({ data: dataFingerprint(ds), o: Object.keys(o).sort().map((k) => [k, (o as any)[k]]) });
  return createHash('sha256').update(canon).digest('hex').slice(0, 20);
}

/** Where the cache keeps the model of a dataset and full training config. */
export function modelCacheFile(ds: Dataset, o: TrainOptions, key = modelKey(ds, o)): string {
  return join(cacheDir('models'), `${ds.spec.name}-${o.kind}-eps${o.eps}-seed${o.seed}-${key}.json`);
}

export function saveModel(m: TrainedModel, file: string, key = ''): void {
  const body: ModelFile = {
    format: 'robust-recourse/model@1', key, dataset: m.dataset, options: m.options, layers: m.net.weights(),
    metrics: m.metrics, epochs: m.epochs, steps: m.steps, lossHistory: m.lossHistory,
    trainSeconds: m.trainSeconds, backend: m.backend, scaler: { min: [...m.scaler.min], max: [...m.scaler.max] },
  };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file + '.part', JSON.stringify(body));
  renameSync(file + '.part', file);
}

/** Reads a saved model; a corrupt or foreign file is a clear error telling to delete it. */
export function loadModel(file: string): TrainedModel {
  let body: ModelFile;
  try {
    body = JSON.parse(readFileSync(file, 'utf8'));
    if (body.format !== 'robust-recourse/model@1' || !Array.isArray(body.layers) || !body.layers.length) throw new Error('not a model file');
    for (const l of body.layers) {
      if (l.W.length !== l.inDim * l.outDim || l.b.length !== l.outDim || ![...l.W, ...l.b].every(Number.isFinite)) {
        throw new Error('weights have the wrong shape or are not finite');
      }
    }
  } catch (e) {
    throw new RecourseError(`model file ${file} is corrupt (${(e as Error).message}); delete it and run again to retrain`);
  }
  return {
    dataset: body.dataset, options: body.options, net: new Net(body.layers), metrics: body.metrics, epochs: body.epochs,
    steps: body.steps, lossHistory: body.lossHistory, trainSeconds: body.trainSeconds, backend: body.backend,
    scaler: body.scaler, fromCache: true, cacheFile: file,
  };
}

export interface FitOptions {
  /** ε for the adversarial accuracy (default: the training ε, or 0.1 for ERM). */
  evalEps?: number;
  /** Reuse and write the model cache (default true). */
  cache?: boolean;
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Trains a model on a dataset, or loads it from the cache keyed by the full training config.
 * Adversarial accuracy is measured at `evalEps` (default: the training ε, or 0.1 for an ERM model).
 */
export function fitModel(ds: Dataset, opts: Partial<TrainOptions>, f: FitOptions = {}): TrainedModel {
  const o = resolveTrainOptions(opts);
  const evalEps = f.evalEps ?? (o.eps > 0 ? o.eps : 0.1);
  const key = modelKey(ds, o);
  const file = modelCacheFile(ds, o, key);
  if (f.cache !== false && existsSync(file)) {
    const m = loadModel(file);
    if (m.metrics.evalEps === evalEps) return m;
    return { ...m, metrics: evaluateModel(m.net, ds.test, evalEps) };
  }
  const r = trainModel(ds.train, o, f.onEpoch);
  const m: TrainedModel = {
    dataset: ds.spec.name, options: r.options, net: r.net, metrics: evaluateModel(r.net, ds.test, evalEps),
    epochs: r.epochs, steps: r.steps, lossHistory: r.lossHistory, trainSeconds: r.trainSeconds, backend: backendName(),
    scaler: ds.scaler, fromCache: false, cacheFile: f.cache === false ? null : file,
  };
  if (f.cache !== false) saveModel(m, file, key);
  return m;
}
