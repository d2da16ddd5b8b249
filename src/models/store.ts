import { backendName } from '../backend';
import type { Dataset } from '../data/types';
import { artifactKey, cached, readArtifact, writeArtifact } from '../util/artifacts';
import { RecourseError } from '../util/errors';
import { warn } from '../util/log';
import { cacheDir } from '../util/paths';
import { layersChain } from './dense';
import { evaluateModel, type ModelMetrics } from './evaluate';
import { layerSizes, Net, type LayerWeights } from './net';
import { resolveTrainOptions, type TrainOptions } from './options';
import { trainModel, type TrainResult } from './train';

/** A trained model with everything needed to reproduce and interpret it. */
export interface TrainedModel {
  readonly dataset: string;
  readonly options: TrainOptions;
  readonly net: Net;
  readonly metrics: ModelMetrics;
  readonly epochs: number;
  readonly steps: number;
  readonly lossHistory: number[];
  /** The epoch kept by the 'selected' protocol (1-based), 0 for a fixed budget. */
  readonly selectedEpoch: number;
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
  selectedEpoch?: number;
  trainSeconds: number;
  backend: string;
  scaler: { min: number[]; max: number[] };
}

const FORMAT = 'robust-recourse/model@1';

/** Fingerprint of one dataset's columns and both splits, so a changed train or test file never reuses a stale model or metric. */
export function dataFingerprint(ds: Dataset): string {
  const { name, label, features } = ds.spec;
  return artifactKey({ name, label, features }, ds.train.x.data, ds.train.y, ds.test.x.data, ds.test.y).slice(0, 16);
}

/** Cache key of a training run: data fingerprint (train and test, since metrics are cached) + every training option. */
export function modelKey(ds: Dataset, o: TrainOptions): string {
  return artifactKey({ data: dataFingerprint(ds), o });
}

/** What a cached model must match: its key, its options and the dataset's feature count. */
export interface ModelExpectation {
  key: string;
  options: TrainOptions;
  inputDim: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const rate = (v: unknown) => finite(v) && v >= 0 && v <= 1;

/** Why stored metrics are unusable, or null. */
function metricsProblem(m: unknown): string | null {
  if (!isObject(m)) return 'its metrics are missing';
  for (const k of ['accuracy', 'advAccuracy', 'positiveRate', 'evalEps']) if (!rate(m[k])) return `metric ${k} is missing or not a number in [0, 1]`;
  if (m.exactAdvAccuracy !== null && !rate(m.exactAdvAccuracy)) return 'metric exactAdvAccuracy is not null or a number in [0, 1]';
  if (typeof m.degenerate !== 'boolean') return 'metric degenerate is missing';
  return null;
}

function sameOptions(a: unknown, b: TrainOptions): boolean {
  return isObject(a) && Object.keys(a).length === Object.keys(b).length && (Object.keys(b) as (keyof TrainOptions)[]).every((k) => a[k] === b[k]);
}

/** Checks a parsed model file (and, given `expect`, that it is the model asked for); throws an Error saying what is wrong. */
export function checkModelFile(b: unknown, expect?: ModelExpectation): ModelFile {
  if (!isObject(b) || b.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
  const layers = b.layers as LayerWeights[];
  if (!Array.isArray(layers) || !layers.length || !layers.every(isObject) || !layersChain(layers)) {
    throw new Error('its layers are missing, do not chain, or have arrays of the wrong size');
  }
  if (!layers.every((l) => l.W.every(finite) && l.b.every(finite))) throw new Error('its weights are not all finite numbers');
  if (layers[layers.length - 1].outDim !== 1) throw new Error(`its output size is ${layers[layers.length - 1].outDim}, expected 1`);
  const problem = metricsProblem(b.metrics);
  if (problem) throw new Error(problem);
  if (!Array.isArray(b.lossHistory) || !b.lossHistory.every(finite) || !finite(b.trainSeconds) || !finite(b.epochs) || !finite(b.steps)) {
    throw new Error('its training record (loss history, epochs, steps, time) is missing or not finite');
  }
  if (!isObject(b.scaler) || !Array.isArray(b.scaler.min) || !Array.isArray(b.scaler.max)) throw new Error('its scaler is missing');
  if (expect) {
    if (b.key !== expect.key) throw new Error('its key does not match its configuration');
    if (!sameOptions(b.options, expect.options)) throw new Error('its training options differ from the requested ones');
    if (layers[0].inDim !== expect.inputDim) throw new Error(`its input size is ${layers[0].inDim} but the dataset has ${expect.inputDim} features`);
    const o = expect.options;
    const want = layerSizes(o.kind, expect.inputDim, { depth: o.depth, width: o.width || 2 * expect.inputDim });
    const got = [layers[0].inDim, ...layers.map((l) => l.outDim)];
    if (want.join() !== got.join()) throw new Error(`its layer sizes ${got.join('-')} do not match the options (${want.join('-')})`);
  }
  return b as unknown as ModelFile;
}

function fromFile(body: ModelFile, file: string): TrainedModel {
  return {
    dataset: body.dataset, options: body.options, net: new Net(body.layers), metrics: body.metrics, epochs: body.epochs,
    steps: body.steps, lossHistory: body.lossHistory, selectedEpoch: body.selectedEpoch ?? 0, trainSeconds: body.trainSeconds, backend: body.backend,
    scaler: body.scaler, fromCache: true, cacheFile: file,
  };
}

function toFile(m: TrainedModel, key: string): ModelFile {
  return {
    format: FORMAT, key, dataset: m.dataset, options: m.options, layers: m.net.weights(),
    metrics: m.metrics, epochs: m.epochs, steps: m.steps, lossHistory: m.lossHistory, selectedEpoch: m.selectedEpoch,
    trainSeconds: m.trainSeconds, backend: m.backend, scaler: { min: [...m.scaler.min], max: [...m.scaler.max] },
  };
}

/** Writes a model file atomically; a failure is a RecourseError (an explicit save, unlike the cache, must not fail quietly). */
export function saveModel(m: TrainedModel, file: string, key = ''): void {
  if (!writeArtifact(file, toFile(m, key))) throw new RecourseError(`could not save the model to ${file}; choose a writable path`);
}

/** Reads a saved model; a corrupt or foreign file is a clear error. */
export function loadModel(file: string): TrainedModel {
  const r = readArtifact(file, (b) => checkModelFile(b));
  if (r.status === 'ok') return fromFile(r.value, file);
  throw new RecourseError(r.status === 'missing' ? `model file ${file} does not exist` : `model file ${file} is invalid (${r.reason})`);
}

/** Throws "training diverged" when the loss history or the weights of a fresh run are not finite. */
export function checkConverged(r: TrainResult, what: string): void {
  const k = r.lossHistory.findIndex((l) => !Number.isFinite(l));
  const weightsOk = r.net.weights().every((l) => l.W.every(Number.isFinite) && l.b.every(Number.isFinite));
  if (k < 0 && weightsOk) return;
  const cause = k >= 0 ? `the loss became ${r.lossHistory[k]} at epoch ${k + 1}` : `the weights became non-finite by epoch ${r.epochs}`;
  throw new RecourseError(`training diverged (${what}): ${cause}; lower --learning-rate or check the data`);
}

export interface FitOptions {
  /** ε for the adversarial accuracy (default: the training ε, or 0.1 for ERM). */
  evalEps?: number;
  /** Reuse and write the model cache (default true). */
  cache?: boolean;
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
    dataset: ds.spec.name, options: r.options, net: r.net, metrics: evaluateModel(r.net, ds.test, evalEps),
    epochs: r.epochs, steps: r.steps, lossHistory: r.lossHistory, selectedEpoch: r.selectedEpoch, trainSeconds: r.trainSeconds,
    backend: backendName(), scaler: ds.scaler, fromCache: false, cacheFile: null,
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
  const evalEps = f.evalEps ?? (o.eps > 0 ? o.eps : 0.1);
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
  return m.metrics.evalEps === evalEps ? m : { ...m, metrics: evaluateModel(m.net, ds.test, evalEps) };
}
