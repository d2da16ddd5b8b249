/**
 * The per-feature attack radius of the `std` ε units: feature j may move by ε·σⱼ, σⱼ the standard deviation
 * of its [0,1]-scaled training column, instead of ε for every feature (the `minmax` units). PGD, eq. 16's
 * closed form and the adversarial-accuracy evaluation all take the radius from here; the recourse methods
 * keep their [0,1] feature space.
 */
import type { Split } from '../data/types';
import type { Matrix } from '../util/matrix';
import type { TrainOptions } from './options';

/** The population standard deviation of each column. */
export function columnStd(x: Matrix): Float32Array {
  const out = new Float32Array(x.cols);
  for (let j = 0; j < x.cols; j++) {
    let s = 0;
    for (let i = 0; i < x.rows; i++) s += x.data[i * x.cols + j];
    const mu = s / x.rows;
    let v = 0;
    for (let i = 0; i < x.rows; i++) v += (x.data[i * x.cols + j] - mu) ** 2;
    out[j] = Math.sqrt(v / x.rows);
  }
  return out;
}

/** The radius scale of a model's ε units on its training split: σ per feature for 'std', null (every feature ε) for 'minmax'. */
export function radiusScaleFor(o: Pick<TrainOptions, 'epsUnits'>, train: Split): Float32Array | null {
  return o.epsUnits === 'std' ? columnStd(train.x) : null;
}

/** Per-feature radii ε·scaleⱼ (ε everywhere without a scale). */
export function featureRadii(eps: number, scale: ArrayLike<number> | null, d: number): Float32Array {
  return Float32Array.from({ length: d }, (_, j) => eps * (scale ? scale[j] : 1));
}
