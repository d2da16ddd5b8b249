import { getDataset } from '../../src/data';
import { EPS_GRID, trainGrid, trainModel, trainModelOps, type ModelKind, type TrainOptions } from '../../src/models';
import type { BenchRow } from '../bench';
import { legacyTrain } from './legacy-train';

/** Off by default: the legacy trainers it compares take minutes (BENCH_ONLY=levers runs it). */
export const long = true;

export const title = 'Training levers: one epoch of adult for the whole 8-value ε grid, cumulative (each row adds one lever)';

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Wall and process-CPU milliseconds of f. */
function timed(f: () => void): { wall: number; cpu: number } {
  const [t0, c0] = [performance.now(), cpuMs()];
  f();
  return { wall: performance.now() - t0, cpu: cpuMs() - c0 };
}

const LEVELS: [string, (split: Parameters<typeof trainModel>[0], opts: Partial<TrainOptions>[]) => void][] = [
  ['before: autodiff + tf.train.adam, gather per step', (s, os) => os.forEach((o) => legacyTrain(s, o))],
  ['(a)+(b) analytic gradients, flat Adam, per-epoch batches (trainModelOps)', (s, os) => os.forEach((o) => trainModelOps(s, o).net.dispose())],
  ['(d) fused step kernel, one model at a time (trainModel)', (s, os) => os.forEach((o) => trainModel(s, o).net.dispose())],
  ['(c) stacked ε grid, one kernel call per minibatch (trainGrid)', (s, os) => trainGrid(s, os).forEach((r) => r.net.dispose())],
];

/**
 * Each level trains the 8 models of one kind for one adult epoch (142 minibatches each, PGD-7 at ε > 0,
 * Adam 1e-3) after a warm-up run; gain = previous level's CPU time / this level's. BENCH_LEVER_KINDS picks kinds.
 */
export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const kinds = (process.env.BENCH_LEVER_KINDS ?? 'lr,lr-closed,mlp').split(',') as ModelKind[];
  const rows: BenchRow[] = [];
  for (const kind of kinds) {
    const opts = EPS_GRID.map((eps) => ({ kind, eps, epochs: 1, learningRate: 0.001 }));
    let prev = NaN;
    let first = NaN;
    for (const [lever, train] of LEVELS) {
      train(ds.train, opts.slice(0, 2));
      const t = timed(() => train(ds.train, opts));
      rows.push({
        kind,
        lever,
        'wall ms': t.wall,
        'CPU ms': t.cpu,
        'gain (CPU)': Number.isNaN(prev) ? '' : prev / t.cpu,
        'vs before (CPU)': Number.isNaN(first) ? '' : first / t.cpu,
      });
      prev = t.cpu;
      if (Number.isNaN(first)) first = t.cpu;
    }
  }
  return rows;
}
