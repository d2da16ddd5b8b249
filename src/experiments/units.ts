/**
 * Units of work a grid expands into — a trained model, a C-CHVAE autoencoder, a recourse batch — each with a
 * content key: the hash of everything that determines its result, including the data (train and test), so
 * a changed file or option is never answered from a stale cache.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../data/types';
import { resolveTrainOptions, storedOptions, type TrainOptions } from '../models/options';
import type { ModelKind } from '../models/types';
import { getRecourseMethod } from '../recourse/index';
import { methodApplies } from '../recourse/names';
import { resolveOptions } from '../util/options';
import type { Architecture, GridSpec } from './grid';
import { getSetup, setupTraining, type Setup } from './setups';

/** Bumped when the stored form or the meaning of a unit changes, so old cache entries are not reused. */
export const UNIT_VERSION = 1;

/** sha256 of a canonical JSON form (object keys sorted), first 20 hex digits. */
export function contentKey(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(value)))
    .digest('hex')
    .slice(0, 20);
}

const fingerprints = new WeakMap<Dataset, string>();

/** Fingerprint of a dataset's contents (both splits and the spec), cached per object. */
export function datasetFingerprint(ds: Dataset): string {
  let f = fingerprints.get(ds);
  if (!f) {
    const h = createHash('sha256');
    h.update(JSON.stringify(ds.spec));
    for (const a of [ds.train.x.data, ds.train.y, ds.test.x.data, ds.test.y]) h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    f = h.digest('hex').slice(0, 16);
    fingerprints.set(ds, f);
  }
  return f;
}

/** One model of the grid: what to train, and the ε = 0 model its recourses are compared with. */
export interface ModelUnit {
  readonly dataset: string;
  /** Which loaded data the unit uses: the dataset name, with '@rows' when the grid subsamples its training split. */
  readonly data: string;
  /** datasetFingerprint of that data: two labels of the same data (a target that flips nothing) share their models. */
  readonly fingerprint: string;
  readonly kind: ModelKind;
  /** The factor levels that make this model differ from a plain training run (the target is in `data`). */
  readonly target: Setup['target'];
  readonly threshold: Setup['threshold'];
  readonly arch: Architecture;
  readonly seed: number;
  /** The training part of the setup (setups that train alike share their models). */
  readonly training: Pick<TrainOptions, 'protocol' | 'classWeight' | 'epsUnits'>;
  readonly options: TrainOptions;
  readonly key: string;
}

export interface RecourseUnit {
  readonly dataset: string;
  readonly data: string;
  readonly model: ModelUnit;
  /** The ε = 0 model of the same kind, shape, seed and training setup: it chooses the factuals. */
  readonly reference: ModelUnit;
  readonly method: string;
  readonly setup: Setup;
  /** Fully resolved method options (defaults ← setup preset ← grid overrides ← seed). */
  readonly options: Record<string, unknown>;
  readonly factualCap: number;
  readonly policy: GridSpec['policy'];
  readonly robustness: { sigma: number; samples: number };
  readonly key: string;
  /** Key of the same method's unit on the ε = 0 reference (the unit itself at ε = 0): the other side of the cost difference. */
  readonly referenceKey: string;
}

/** The method options a unit runs with: defaults, the setup's preset where the method has one, the grid's overrides, the seed. */
export function unitMethodOptions(method: string, setup: Setup, grid: GridSpec, seed: number): Record<string, unknown> {
  const m = getRecourseMethod(method);
  const preset = setup.methods === 'project' ? {} : (m.presets[setup.methods] ?? {});
  const overrides = grid.methodOptions[method] ?? {};
  const merged: Record<string, unknown> = { ...preset, ...overrides, seed };
  // the options of what the method trains first (C-CHVAE's autoencoder) merge field by field and follow the run's seed
  const nested = m.artefact?.option;
  if (nested) merged[nested] = { ...((preset as Record<string, object>)[nested] ?? {}), ...((overrides as Record<string, object>)[nested] ?? {}), seed };
  return resolveOptions(method, m.defaults as Record<string, unknown>, m.rules as never, merged);
}

/** The model unit for a grid point (ε, kind, shape, seed, training setup) on a loaded dataset. */
export function modelUnit(ds: Dataset, grid: GridSpec, kind: ModelKind, arch: Architecture, eps: number, seed: number, setup: Setup): ModelUnit {
  const training = setupTraining(setup);
  const options = resolveTrainOptions({ ...grid.training, kind, eps, seed, ...(kind === 'mlp' ? arch : {}), ...training });
  // a matched threshold depends on the ε = 0 model too, which the same options and data determine
  const threshold = eps > 0 ? setup.threshold : 'trained';
  return {
    dataset: ds.spec.name,
    data: dataKey(ds.spec.name, grid, setup),
    fingerprint: datasetFingerprint(ds),
    kind,
    arch: kind === 'mlp' ? arch : { depth: 0, width: 0 },
    seed,
    training,
    options,
    target: setup.target,
    threshold,
    key: contentKey({
      v: UNIT_VERSION,
      unit: 'model',
      data: datasetFingerprint(ds),
      options: storedOptions(options),
      ...(threshold === 'matched' ? { threshold } : {}),
    }),
  };
}

/** The recourse unit for a method on a model, compared with its ε = 0 reference. */
export function recourseUnit(ds: Dataset, grid: GridSpec, model: ModelUnit, reference: ModelUnit, method: string, setup: Setup): RecourseUnit {
  const options = unitMethodOptions(method, setup, grid, model.seed);
  const robustness = { sigma: grid.robustnessSigma, samples: grid.robustnessSamples };
  const policy = grid.policy;
  // a method's results depend on how what it trains first was trained, which its options do not say
  // (the key's field keeps its first name, so existing cache keys stay valid)
  const vaeTraining = getRecourseMethod(method).artefact?.revision;
  const keyOf = (m: ModelUnit) =>
    contentKey({
      v: UNIT_VERSION,
      unit: 'recourse',
      model: m.key,
      reference: reference.key,
      method,
      options,
      factualCap: grid.factuals,
      policy,
      robustness,
      vaeTraining,
    });
  return {
    dataset: ds.spec.name,
    data: model.data,
    model,
    reference,
    method,
    setup,
    options,
    factualCap: grid.factuals,
    policy,
    robustness,
    key: keyOf(model),
    referenceKey: keyOf(reference),
  };
}

/** The key of a grid's data for one dataset: the name, with '@rows' when the grid subsamples its training split and '~minority' when the setup targets the minority class. */
export function dataKey(name: string, grid: Pick<GridSpec, 'trainRows'>, setup?: Pick<Setup, 'target'>): string {
  return `${grid.trainRows > 0 ? `${name}@${grid.trainRows}` : name}${setup?.target === 'minority' ? '~minority' : ''}`;
}

/** Identity of a recourse unit in a run: two setups with the same method options share a key (and a cache entry) but each keeps its row. */
export const recourseUnitId = (u: RecourseUnit): string => `${u.key}/${u.setup.name}`;

/** Every model and recourse unit of a grid on loaded datasets, deduplicated (models by key, recourse by key and setup), in a stable order. */
export function expandGrid(grid: GridSpec, datasets: ReadonlyMap<string, Dataset>): { models: ModelUnit[]; recourse: RecourseUnit[] } {
  const models = new Map<string, ModelUnit>();
  const recourse = new Map<string, RecourseUnit>();
  for (const name of grid.datasets) {
    for (const setupName of grid.setups) {
      const setup = getSetup(setupName);
      const ds = datasets.get(dataKey(name, grid, setup))!;
      for (const kind of grid.models) {
        for (const arch of kind === 'mlp' ? grid.architectures : [{ depth: 0, width: 0 }]) {
          for (const seed of grid.seeds) {
            const ref = modelUnit(ds, grid, kind, arch, 0, seed, setup);
            for (const eps of grid.eps) {
              const m = eps === 0 ? ref : modelUnit(ds, grid, kind, arch, eps, seed, setup);
              models.set(m.key, m);
              for (const method of grid.methods) {
                if (!methodApplies(method, kind, grid.exactMlp)) continue;
                const r = recourseUnit(ds, grid, m, ref, method, setup);
                recourse.set(recourseUnitId(r), r);
              }
            }
          }
        }
      }
    }
  }
  return { models: [...models.values()], recourse: [...recourse.values()] };
}
