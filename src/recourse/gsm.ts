import { mutableColumns, type FeatureLayout } from '../data/layout';
import { logitsOf } from '../models/predict';
import type { Classifier } from '../models/types';
import { stopPoint } from '../util/stop';
import { matrix, type Matrix } from '../util/matrix';
import type { OptionRules } from '../util/options';
import type { Rng } from '../util/rng';
import { rowDist2, rowRng } from '../util/sampling';
import { defineMethod } from './method';
import { sampleShells, shellSampler, type ShellSampler } from '../engine/index';
import { closestPositive } from './closest';
import { sparsify } from './sparsify';

/** Growing Spheres options; defaults and their sources are in GSM_RULES and docs/methods.md. */
export interface GsmOptions {
  samplesPerShell: number;
  firstRadius: number;
  decreaseRadius: number;
  sparse: boolean;
  maxShrinks: number;
  maxShells: number;
  maxRadius: number;
  seed: number;
}

/** Growing Spheres' options when none are given. */
export const GSM_DEFAULTS: GsmOptions = {
  samplesPerShell: 2000,
  firstRadius: 0.1,
  decreaseRadius: 10,
  sparse: true,
  maxShrinks: 30,
  maxShells: 1000,
  maxRadius: 0,
  seed: 0,
};

/** The rule each of Growing Spheres' options is checked against. */
export const GSM_RULES: OptionRules<GsmOptions> = {
  samplesPerShell: {
    type: 'number',
    integer: true,
    min: 1,
    max: 1_000_000,
    help: 'samples per ball or shell',
    source: 'Laugel et al. reference code (n_in_layer)',
  },
  firstRadius: { type: 'number', above: 0, help: 'radius of the first ball', source: 'Laugel et al. reference code' },
  decreaseRadius: {
    type: 'number',
    above: 1,
    help: 'shrink factor of phase 1; the phase-2 step is (decreaseRadius − 1)·r/5',
    source: 'Laugel et al. reference code',
  },
  sparse: { type: 'boolean', help: 'run the feature selection that reverts unneeded changes', source: 'Laugel et al.' },
  maxShrinks: {
    type: 'number',
    integer: true,
    min: 1,
    max: 10_000,
    help: 'cap on phase-1 shrinks; a factual still surrounded by enemies then takes the closest',
    source: 'project',
  },
  maxShells: {
    type: 'number',
    integer: true,
    min: 1,
    max: 1_000_000,
    help: 'cap on phase-2 shells; at the cap the factual has no recourse',
    source: 'project (CARLA max_iter)',
  },
  maxRadius: { type: 'number', min: 0, help: 'stop growing past this inner radius (0 = the farthest corner of the mutable box)', source: 'project' },
  seed: { type: 'number', integer: true, help: 'seed of the samples (per row)' },
};

interface RowState {
  phase: 'shrink' | 'grow' | 'done';
  r: number;
  step: number;
  rounds: number;
  grown: number;
  best: Float32Array | null;
}

/**
 * Samples one ball/shell for each listed row (on the sampler threads), projects the samples onto the
 * feasible set, evaluates them in batched model calls, and returns each row's closest enemy (predicted
 * positive) or null.
 */
async function closestEnemies(
  model: Classifier,
  layout: FeatureLayout,
  factuals: Matrix,
  rows: number[],
  shell: (i: number) => { a0: number; a1: number },
  rngs: Rng[],
  sampler: ShellSampler,
): Promise<(Float32Array | null)[]> {
  const d = factuals.cols;
  const dims = mutableColumns(layout);
  const out: (Float32Array | null)[] = [];
  await sampleShells(
    sampler,
    rows,
    rngs,
    (chunk) => {
      const centers = new Float32Array(chunk.length * d);
      chunk.forEach((i, r) => centers.set(factuals.data.subarray(i * d, (i + 1) * d), r * d));
      const shells = Float64Array.from(
        chunk.flatMap((i) => {
          const { a0, a1 } = shell(i);
          return [a0, a1];
        }),
      );
      return { centers, dims, shells, p: 2, radial: 'volume', layout, factuals: null };
    },
    (job) => {
      const z = logitsOf(model, job.samples);
      job.rows.forEach((i, r) => {
        const mine = job.samples.data.subarray(r * job.perRow * d, (r + 1) * job.perRow * d);
        const best = closestPositive(z.subarray(r * job.perRow, (r + 1) * job.perRow), job.perRow, (k) => rowDist2(mine, k, factuals.data, i, d));
        out.push(best < 0 ? null : mine.slice(best * d, (best + 1) * d));
      });
    },
  );
  return out;
}

/**
 * Growing Spheres (Laugel et al. 2017), the original algorithm: shrink the first ℓ2 ball (÷ decreaseRadius)
 * until it holds no enemy, then grow shells of width (decreaseRadius − 1)·r/5 until one does, take the
 * enemy closest in ℓ2, and revert every change the prediction does not need (feature selection). Samples
 * are uniform in the shell volume over the mutable columns, then projected onto the feasible set ([0,1],
 * binary, one-hot; immutables never move). Unlike CARLA's `gs` (no shrink, no sparsity, coin-flip
 * binaries, no clipping) and unlike the reference code, every phase is capped.
 */
export const gsm = defineMethod<GsmOptions>({
  name: 'gsm',
  summary: 'Growing Spheres: shrink then grow ℓ2 shells of random samples, closest enemy, feature selection',
  defaults: GSM_DEFAULTS,
  rules: GSM_RULES,
  // CARLA's `gs` is a different, simplified algorithm (no shrink, no selection), so no CARLA preset is offered.
  async search({ model, factuals, rows, options: o, layout, context, finish }) {
    const n = factuals.rows;
    const d = factuals.cols;
    const dims = mutableColumns(layout);
    const maxRadius = (i: number) => o.maxRadius || Math.hypot(...dims.map((j) => Math.max(factuals.data[i * d + j], 1 - factuals.data[i * d + j])));
    const rngs = rows.map((r) => rowRng(o.seed, r));
    const sampler = shellSampler(o.samplesPerShell, d, n);
    const st: RowState[] = Array.from({ length: n }, () => ({ phase: 'shrink', r: o.firstRadius, step: 0, rounds: 0, grown: 0, best: null }));
    for (;;) {
      const active = st.flatMap((s, i) => (s.phase === 'done' ? [] : [i]));
      if (!active.length) break;
      await stopPoint(context.signal);
      const found = await closestEnemies(
        model,
        layout,
        factuals,
        active,
        (i) => (st[i].phase === 'shrink' ? { a0: 0, a1: st[i].r } : { a0: st[i].r, a1: st[i].r + st[i].step }),
        rngs,
        sampler,
      );
      active.forEach((i, k) => {
        const s = st[i];
        s.rounds++;
        const enemy = found[k];
        if (s.phase === 'shrink') {
          if (enemy) s.best = enemy;
          if (enemy && s.rounds >= o.maxShrinks) s.phase = 'done';
          s.r /= o.decreaseRadius;
          if (!enemy) {
            s.phase = 'grow';
            s.step = ((o.decreaseRadius - 1) * s.r) / 5;
          }
        } else if (enemy) {
          s.best = enemy;
          s.phase = 'done';
        } else {
          s.r += s.step;
          s.grown++;
          if (s.grown >= o.maxShells || s.r > maxRadius(i)) s.phase = 'done';
        }
        if (s.phase === 'done') finish(i);
      });
    }
    const out = matrix(n, d, Float32Array.from(factuals.data));
    st.forEach((s, i) => s.best && out.data.set(s.best, i * d));
    if (o.sparse)
      sparsify(
        model,
        layout,
        factuals,
        out,
        st.map((s) => s.best !== null),
      );
    return { counterfactuals: out, iterations: st.map((s) => s.rounds) };
  },
});
