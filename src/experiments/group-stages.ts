/**
 * The stages of one unit group, in order: train (or load) its models, train what its methods need first
 * (MethodArtefact), run its recourse units. Each reads and writes the run's state (run-state.ts); the runner
 * loops over GROUP_STAGES and knows no stage's inside.
 */
import { majorityRate } from '../data/summary';
import type { TrainedModel } from '../models/model-file';
import type { Net } from '../models/net';
import { evaluateModel } from '../models/evaluate';
import { logitsOf } from '../models/predict';
import { radiusScaleFor } from '../models/radius';
import { matchThreshold, positiveRateOf } from '../models/threshold';
import { fitGrid } from '../models/train-fit';
import { modelRow } from './results';
import { artefactStage, checkpoint, modelLabel, recourseUnit, stoppable, type StageName } from './run-stages';
import type { RunState } from './run-state';
import { priorRecourseSeconds, priorTrainSeconds, recordTiming, recourseTimingKind, trainTimingKind } from './timings';
import type { ModelUnit, RecourseUnit } from './units';

/** The units of one group: models sharing dataset, kind, shape, seed and training setup, and their recourse units. */
export interface UnitGroup {
  readonly key: string;
  readonly models: ModelUnit[];
  readonly recourse: RecourseUnit[];
}

/** One group at work: its units, the attack radius of each model, its nets by model key, and the nets to dispose when it is done. */
export interface GroupWork {
  readonly group: UnitGroup;
  readonly evalEps: ReadonlyMap<string, number>;
  readonly nets: Map<string, Net>;
  readonly made: Net[];
}

/** Trains (or loads) the group's models — its ε grid as one stacked run — and evaluates them; matched thresholds shift the bias. */
function trainStage(w: GroupWork, s: RunState): void {
  const { group: g, nets, made } = w;
  const ds = s.datasets.get(g.models[0].data)!;
  const epsGrid = [...new Set(g.models.map((u) => u.options.eps))];
  const trained = new Map<number, TrainedModel>();
  let last = performance.now();
  const fit = fitGrid(ds, g.models[0].options, epsGrid, {
    evalEps: w.evalEps.get(g.models[0].key),
    cache: s.o.cache !== false,
    onModel: (m) => {
      trained.set(m.options.eps, m);
      made.push(m.net);
    },
  });
  const t0 = performance.now();
  const referenceRate = trained.has(0) ? positiveRateOf(logitsOf(trained.get(0)!.net, ds.train.x)) : NaN;
  const majority = majorityRate(ds);
  for (const u of g.models) {
    const m = trained.get(u.options.eps)!;
    const want = w.evalEps.get(u.key)!;
    let net = m.net;
    let shift = 0;
    if (u.threshold === 'matched') {
      ({ net, shift } = matchThreshold(m.net, ds.train.x, referenceRate));
      made.push(net);
    }
    const mm = m.metrics.evalEps === want && shift === 0 ? m.metrics : evaluateModel(net, ds.test, want, { radiusScale: radiusScaleFor(u.options, ds.train) });
    nets.set(u.key, net);
    if (!m.fromCache && s.o.cache !== false)
      recordTiming(trainTimingKind(u.dataset, u.kind), m.trainSeconds, priorTrainSeconds(u.options, ds.train.x.rows, ds.train.x.cols));
    s.metrics.set(u.key, {
      metrics: mm,
      row: modelRow(u, mm, { epochs: m.epochs, trainSeconds: m.trainSeconds, fromCache: m.fromCache, thresholdShift: shift, majorityRate: majority }),
    });
    const now = performance.now();
    s.progress.unit('train', modelLabel(u), (now - last) / 1000, m.fromCache);
    last = now;
  }
  // the train stage's time includes evaluating the models; it is reported as its own stage
  s.countAsEvaluation(fit.evalSeconds + (performance.now() - t0) / 1000);
}

/** Runs (or reads) the group's recourse units with the group's nets; a unit another group of the run computed is reused. */
async function recourseStage(w: GroupWork, s: RunState): Promise<void> {
  for (const u of w.group.recourse) {
    const at = s.progress.units;
    await checkpoint(s.o, at.done, at.total);
    const t0 = performance.now();
    const known = s.measurements.get(u.key);
    const { m, cached } = known
      ? { m: known, cached: true }
      : await stoppable(
          () => recourseUnit(u, s.datasets.get(u.data)!, w.nets, s.cache, s.o),
          () => s.progress.units.done,
          at.total,
        );
    s.measurements.set(u.key, m);
    if (!cached && s.o.cache !== false) recordTiming(recourseTimingKind(u), m.seconds, priorRecourseSeconds(u.method, m.indices.length, u.model.kind));
    const label = `${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed} ${u.setup.name}`;
    s.progress.unit('recourse', label, (performance.now() - t0) / 1000, cached);
  }
}

/** A group's stages, in order, each timed under its name. */
export const GROUP_STAGES: readonly { readonly name: StageName; readonly run: (w: GroupWork, s: RunState) => Promise<void> | void }[] = [
  { name: 'train', run: trainStage },
  { name: 'vae', run: (w, s) => artefactStage(w.group.recourse, s) },
  { name: 'recourse', run: recourseStage },
];
