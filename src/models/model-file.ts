/**
 * The model file: a trained model as JSON (weights, options, metrics, training record, scaler) and back,
 * validated field by field so a corrupt, foreign or mismatched file is a clear error, never a wrong model.
 * store.ts keeps these files in the cache.
 */
import { createHash } from 'node:crypto';
import { RecourseError } from '../util/errors';
import { readArtifact, writeArtifact } from '../util/artifacts';
import { FLOAT32_MAX } from '../util/parse';
import { layersChain } from './dense';
import type { ModelMetrics } from './evaluate';
import { layerSizes, Net, type LayerWeights } from './net';
import { resolveTrainOptions, storedOptions, type TrainOptions } from './options';

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

/** The JSON body of a model file. */
export interface ModelFile {
  format: 'robust-recourse/model@1';
  key: string;
  dataset: string;
  /** sha256 of the body without this field: a file changed after it was written is not trusted. */
  sha256: string;
  /** As storedOptions writes them (epsUnits only when 'std'). */
  options: ReturnType<typeof storedOptions>;
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

/** What a cached model must match: its key, its options and the dataset's feature count. */
export interface ModelExpectation {
  key: string;
  options: TrainOptions;
  inputDim: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const number = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A finite number that float32 can hold (tensors are float32: a larger weight would become Infinity). */
const finite = (v: unknown): v is number => number(v) && Math.abs(v) <= FLOAT32_MAX;
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
  const want = storedOptions(b) as Record<string, unknown>;
  return isObject(a) && Object.keys(a).length === Object.keys(want).length && Object.keys(want).every((k) => a[k] === want[k]);
}

/** The checksum of a model file's body: sha256 of its JSON without the checksum field itself. */
function bodyChecksum(b: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...b, sha256: undefined }))
    .digest('hex');
}

/** Checks a parsed model file (and, given `expect`, that it is the model asked for); throws an Error saying what is wrong. */
export function checkModelFile(b: unknown, expect?: ModelExpectation): ModelFile {
  if (!isObject(b) || b.format !== FORMAT) throw new Error(`not a ${FORMAT} file`);
  const layers = b.layers as LayerWeights[];
  if (!Array.isArray(layers) || !layers.length || !layers.every(isObject) || !layersChain(layers)) {
    throw new Error('its layers are missing, do not chain, or have arrays of the wrong size');
  }
  if (!layers.every((l) => l.W.every(number) && l.b.every(number))) throw new Error('its weights are not all finite numbers');
  if (!layers.every((l) => l.W.every(finite) && l.b.every(finite))) throw new Error('a weight is beyond the float32 range (|w| ≤ 3.4e38)');
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
  // last: a file that is well formed but was changed by hand (weights, metrics) is not trusted either
  if (typeof b.sha256 !== 'string') throw new Error('it has no checksum (written by an older version, or edited)');
  if (b.sha256 !== bodyChecksum(b)) throw new Error('its checksum does not match: the file was changed after it was written');
  return b as unknown as ModelFile;
}

/** A validated file body as a TrainedModel read from `file`. */
export function fromFile(body: ModelFile, file: string): TrainedModel {
  return {
    dataset: body.dataset,
    options: resolveTrainOptions(body.options),
    net: new Net(body.layers),
    metrics: body.metrics,
    epochs: body.epochs,
    steps: body.steps,
    lossHistory: body.lossHistory,
    selectedEpoch: body.selectedEpoch ?? 0,
    trainSeconds: body.trainSeconds,
    backend: body.backend,
    scaler: body.scaler,
    fromCache: true,
    cacheFile: file,
  };
}

/** A trained model as a file body under its cache key ('' for an explicit save). */
export function toFile(m: TrainedModel, key: string): ModelFile {
  const body: Omit<ModelFile, 'sha256'> = {
    format: FORMAT,
    key,
    dataset: m.dataset,
    options: storedOptions(m.options),
    layers: m.net.weights(),
    metrics: m.metrics,
    epochs: m.epochs,
    steps: m.steps,
    lossHistory: m.lossHistory,
    selectedEpoch: m.selectedEpoch,
    trainSeconds: m.trainSeconds,
    backend: m.backend,
    scaler: { min: [...m.scaler.min], max: [...m.scaler.max] },
  };
  // the checksum is computed on the body as JSON will carry it (a round trip keeps the key order and every number)
  const parsed = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  return { ...body, sha256: bodyChecksum(parsed) };
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
