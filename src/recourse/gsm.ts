import type { Classifier } from '../models/types';
import { check } from '../util/errors';
import { matrix, type Matrix } from '../util/matrix';
import { checkFactuals, logitsOf, mergeOptions, opt, RowClock } from './common';
import { featureLayout, mutableColumns, projectRows, type FeatureLayout } from '../data/layout';
import { rowDist2, rowRng, sampleShell } from '../util/sampling';
import { sparsify } from './sparsify';
import type { RecourseContext, RecourseMethod, RecourseResult } from './types';

export interface GsmOptions {
  /** Samples per ball or shell (default 2000, reference implementation). */
  nInLayer: number;
  /** Radius of the first ball (default 0.1). */
  firstRadius: number;
  /** Shrink factor of phase 1; the phase-2 step is (decreaseRadius − 1)·r/5 (default 10, reference code). */
  decreaseRadius: number;
  /** Run the feature-selection step that reverts unneeded changes (default true). */
  sparse: boolean;
  /** Cap on phase-1 shrinks (default 30); a factual still surrounded by enemies then takes the closest one. */
  maxShrink: number;
  /** Cap on phase-2 shells (default 1000); at the cap the factual is reported not found. */
  maxIter: number;
  /**
   * Stop growing once the inner radius exceeds this (default 0 = per factual, the distance to the farthest
   * corner of its mutable box: beyond it every sample is clipped onto the box boundary).
   */
  maxRadius: number;
  seed: number;
}

export const GSM_DEFAULTS: GsmOptions = {
  nInLayer: 2000, firstRadius: 0.1, decreaseRadius: 10, sparse: true, maxShrink: 30, maxIter: 1000, maxRadius: 0, seed: 0,
};

/** Candidate rows evaluated per model call. */
const CHUNK_SAMPLES = 1 << 18;

interface RowState {
  phase: 'shrink' | 'grow' | 'done';
  r: number;
  step: number;
  rounds: number;
  grown: number;
  best: Float32Array | null;
}

/**
 * Samples one ball/shell for each listed row in large batched model calls, projects the samples onto the
 * feasible set, and returns each row's closest enemy (predicted positive) or null.
 */
function closestEnemies(model: Classifier, layout: FeatureLayout, factuals: Matrix, rows: number[],
  shell: (i: number) => { a0: number; a1: number }, rngs: ReturnType<typeof rowRng>[], o: GsmOptions): (Float32Array | null)[] {
  const d = factuals.cols;
  const dims = mutableColumns(layout);
  const per = Math.max(1, Math.floor(CHUNK_SAMPLES / o.nInLayer));
  const out: (Float32Array | null)[] = [];
  for (let s = 0; s < rows.length; s += per) {
    const chunk = rows.slice(s, s + per);
    const buf = new Float32Array(chunk.length * o.nInLayer * d);
    chunk.forEach((i, c) => {
      const { a0, a1 } = shell(i);
      sampleShell(rngs[i], factuals.data.subarray(i * d, (i + 1) * d), dims, { a0, a1, p: 2, radial: 'volume' }, o.nInLayer, buf, c * o.nInLayer, d);
    });
    projectRows(layout, buf, factuals.data, (r) => chunk[Math.floor(r / o.nInLayer)]);
    const z = logitsOf(model, { data: buf, rows: chunk.length * o.nInLayer, cols: d });
    chunk.forEach((i, c) => {
      let best = -1;
      let bestDist = Infinity;
      for (let k = c * o.nInLayer; k < (c + 1) * o.nInLayer; k++) {
        if (!(z[k] > 0)) continue;
        const dist = rowDist2(buf, k, factuals.data, i, d);
        if (dist < bestDist) { bestDist = dist; best = k; }
      }
      out.push(best < 0 ? null : buf.slice(best * d, (best + 1) * d));
    });
  }
  return out;
}

function checkGsmOptions(o: GsmOptions): void {
  opt.positiveInt('gsm', 'nInLayer', o.nInLayer);
  opt.positive('gsm', 'firstRadius', o.firstRadius);
  check(o.decreaseRadius > 1, `gsm: option decreaseRadius must be a number > 1; got ${o.decreaseRadius}`);
  opt.positiveInt('gsm', 'maxShrink', o.maxShrink);
  opt.positiveInt('gsm', 'maxIter', o.maxIter);
  opt.nonNegative('gsm', 'maxRadius', o.maxRadius);
  opt.integer('gsm', 'seed', o.seed);
}

/**
 * Growing Spheres (Laugel et al. 2017), the original algorithm: shrink the first ℓ2 ball (÷ decreaseRadius)
 * until it holds no enemy, then grow shells of width (decreaseRadius − 1)·r/5 until one does, take the
 * enemy closest in ℓ2, and revert every change the prediction does not need (feature selection). Samples
 * are uniform in the shell volume over the mutable columns, then projected onto the feasible set ([0,1],
 * binary, one-hot; immutables never move). Unlike CARLA's `gs` (no shrink, no sparsity, coin-flip
 * binaries, no clipping) and unlike the reference code, every phase is capped.
 */
export const gsm: RecourseMethod<GsmOptions> = {
  name: 'gsm',
  summary: 'Growing Spheres: shrink then grow ℓ2 shells of random samples, closest enemy, feature selection',
  defaults: GSM_DEFAULTS,
  async generate(model: Classifier, factuals: Matrix, options: Partial<GsmOptions> = {}, context: RecourseContext = {}): Promise<RecourseResult> {
    const o = mergeOptions('gsm', GSM_DEFAULTS, options);
    checkGsmOptions(o);
    checkFactuals(model, factuals);
    const layout = featureLayout(factuals.cols, context.spec);
    const n = factuals.rows;
    const dims = mutableColumns(layout);
    const maxRadius = (i: number) => o.maxRadius || Math.hypot(...dims.map((j) => Math.max(factuals.data[i * factuals.cols + j], 1 - factuals.data[i * factuals.cols + j])));
    const clock = new RowClock(n);
    const alreadyPositive = Array.from(logitsOf(model, factuals), (v) => v > 0);
    const rngs = Array.from({ length: n }, (_, i) => rowRng(o.seed, i));
    const st: RowState[] = alreadyPositive.map((pos, i) => {
      if (pos) clock.finish(i);
      return { phase: pos ? 'done' : 'shrink', r: o.firstRadius, step: 0, rounds: 0, grown: 0, best: null };
    });
    for (;;) {
      const active = st.flatMap((s, i) => (s.phase === 'done' ? [] : [i]));
      if (!active.length) break;
      const found = closestEnemies(model, layout, factuals, active,
        (i) => (st[i].phase === 'shrink' ? { a0: 0, a1: st[i].r } : { a0: st[i].r, a1: st[i].r + st[i].step }), rngs, o);
      active.forEach((i, k) => {
        const s = st[i];
        s.rounds++;
        const enemy = found[k];
        if (s.phase === 'shrink') {
          if (enemy) s.best = enemy;
          if (enemy && s.rounds >= o.maxShrink) s.phase = 'done';
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
          if (s.grown >= o.maxIter || s.r > maxRadius(i)) s.phase = 'done';
        }
        if (s.phase === 'done') clock.finish(i);
      });
    }
    const out = matrix(n, factuals.cols, Float32Array.from(factuals.data));
    st.forEach((s, i) => s.best && out.data.set(s.best, i * factuals.cols));
    const hasCandidate = st.map((s) => s.best !== null);
    if (o.sparse) sparsify(model, layout, factuals, out, hasCandidate);
    const z = logitsOf(model, out);
    const totalSeconds = clock.close();
    return {
      method: 'gsm', counterfactuals: out, found: Array.from(z, (v) => v > 0), alreadyPositive,
      iterations: st.map((s) => s.rounds), seconds: clock.seconds, totalSeconds,
    };
  },
};
