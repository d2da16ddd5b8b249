import * as tf from '@tensorflow/tfjs';
import { matrix } from '../util/matrix';
import { BatchAdam } from '../models/adam';
import { Projector } from '../data/projector';
import { fusedSearch, type SearchLoop, type SearchOutcome } from '../engine/index';
import { fusedForm, objectiveOps, type SearchObjective } from './objective';

/** A gradient search: the loop settings and its objective, described once (objective.ts). */
export interface GradientSearchSpec extends SearchLoop {
  objective: SearchObjective;
}

export type GradientSearchResult = SearchOutcome;

const CHECK_EVERY = 10;

/**
 * The batched optimisation loop shared by SCFE and ROAR: all factuals in one [n, d] variable, Adam(AMSGrad),
 * straight-through projection (the model sees the feasible point, the gradient reaches the relaxed
 * variable — so binary and one-hot columns can flip, unlike CARLA's zero-gradient rounding), per-row
 * freeze at the stopping rule, and a hard cap of rounds × maxIter steps. Where the engine's fused loop can
 * evaluate the objective (fusedForm) it runs that loop, which equals this one up to float rounding and spends
 * no tfjs op per step; the loop below is the reference, used for every other objective and with
 * `{ reference: true }`.
 */
export function gradientSearch(s: GradientSearchSpec, o: { reference?: boolean } = {}): GradientSearchResult {
  const fused = o.reference ? null : fusedForm(s.objective);
  if (fused) return fusedSearch(s, fused);
  const { rows: n, cols: d } = s.factuals;
  const objective = objectiveOps(s.objective, n, d);
  const x0 = tf.tensor2d(s.factuals.data, [n, d]);
  const projector = new Projector(s.layout, x0);
  const colMask = tf.tensor2d(s.updateMask, [1, d]);
  const adam = new BatchAdam([n, d], s.lr, s.amsgrad);
  const dy = tf.tidy(() => tf.stack([tf.ones([n]), tf.zeros([n])], 1));
  let x = tf.clone(x0);
  let done = tf.zeros([n]) as tf.Tensor1D;
  let result = tf.clone(x0);
  let iters = tf.zeros([n]) as tf.Tensor1D;
  let prevLoss = tf.fill([n], Infinity) as tf.Tensor1D;
  const stoppedHost = new Array<boolean>(n).fill(false);
  let step = 0;
  const record = (mask: tf.Tensor1D, p: tf.Tensor2D) => {
    const m2 = tf.reshape(mask, [n, 1]);
    const r = tf.where(tf.cast(tf.tile(m2, [1, d]), 'bool'), p, result) as tf.Tensor2D;
    const it = tf.where(tf.cast(mask, 'bool'), tf.fill([n], step), iters) as tf.Tensor1D;
    result.dispose();
    iters.dispose();
    result = tf.keep(r);
    iters = tf.keep(it);
  };
  const syncStopped = (): boolean => {
    const host = done.dataSync();
    let all = true;
    for (let i = 0; i < n; i++) {
      if (host[i] > 0 && !stoppedHost[i]) {
        stoppedHost[i] = true;
        s.onStop?.(i);
      }
      all &&= stoppedHost[i];
    }
    return all;
  };
  const vg = (round: number, offset: tf.Tensor2D) =>
    tf.valueAndGrad((xv: tf.Tensor2D) => {
      const xt = s.project ? (tf.add(xv, offset) as tf.Tensor2D) : xv;
      const { loss, logit } = objective.evaluate(xt, xv, x0, round);
      return tf.stack([loss, logit], 1) as tf.Tensor2D;
    });
  let finished = false;
  for (let round = 0; round < s.rounds && !finished; round++) {
    for (let k = 0; k <= s.maxIter; k++) {
      const last = k === s.maxIter;
      tf.tidy(() => {
        const p = s.project ? projector.project(x) : x;
        const { value, grad } = vg(round, tf.sub(p, x) as tf.Tensor2D)(x, dy as tf.Tensor2D);
        const [loss, logit] = tf.unstack(value, 1) as tf.Tensor1D[];
        const free = tf.sub(1, done) as tf.Tensor1D;
        let stopNow: tf.Tensor1D | null = null;
        if (s.stop === 'valid') stopNow = tf.cast(tf.greater(logit, 0), 'float32') as tf.Tensor1D;
        if (s.stop === 'converged') stopNow = tf.cast(tf.lessEqual(tf.abs(tf.sub(loss, prevLoss)), s.lossThreshold), 'float32') as tf.Tensor1D;
        // rows still free record every evaluated point, so at the cap `result` holds the last iterate
        record(free, p);
        if (stopNow) {
          const nd = tf.maximum(done, stopNow) as tf.Tensor1D;
          done.dispose();
          done = tf.keep(nd);
        }
        prevLoss.dispose();
        prevLoss = tf.keep(loss);
        if (last) return;
        const rowMask = tf.reshape(tf.sub(1, done), [n, 1]);
        const upd = adam.step(grad as tf.Tensor2D, tf.mul(rowMask, colMask));
        let nx = tf.sub(x, upd) as tf.Tensor2D;
        if (s.clamp) nx = tf.clipByValue(nx, 0, 1);
        x.dispose();
        x = tf.keep(nx);
        step++;
      });
      if (s.stop !== 'none' && (last || k % CHECK_EVERY === 0) && syncStopped()) {
        finished = true;
        break;
      }
    }
  }
  syncStopped();
  const points = matrix(n, d, result.dataSync() as Float32Array);
  const iterations = Array.from(iters.dataSync());
  for (const t of [x0, colMask, dy, x, done, result, iters, prevLoss]) t.dispose();
  projector.dispose();
  adam.dispose();
  objective.dispose();
  return { points, stopped: [...stoppedHost], iterations };
}
