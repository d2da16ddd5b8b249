import { matrix, type Matrix } from '../util/matrix';

/** Per-column min and max fitted on the training split. */
export interface MinMaxScaler {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/** Per-column min and max of the training matrix, the scaler that maps features to [0, 1]. */
export function fitMinMax(x: Matrix): MinMaxScaler {
  const min = Array(x.cols).fill(Infinity);
  const max = Array(x.cols).fill(-Infinity);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[i * x.cols + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}

/**
 * Scales to [0, 1] with a fitted scaler; values outside the training range are clipped and counted. A
 * constant training column maps its training value to 0; any other value there is outside the range, so it is
 * clipped (to 0 below, 1 above) and counted too.
 */
export function applyMinMax(x: Matrix, s: MinMaxScaler): { x: Matrix; clipped: number } {
  const out = matrix(x.rows, x.cols);
  let clipped = 0;
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const range = s.max[j] - s.min[j];
      const raw = x.data[i * x.cols + j];
      let v = range > 0 ? (raw - s.min[j]) / range : raw > s.min[j] ? 2 : raw < s.min[j] ? -1 : 0;
      if (v < 0 || v > 1) {
        clipped++;
        v = v < 0 ? 0 : 1;
      }
      out.data[i * x.cols + j] = v;
    }
  }
  return { x: out, clipped };
}

/** Maps scaled values back to raw units (for display). */
export function invertMinMax(x: Matrix, s: MinMaxScaler): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let i = 0; i < x.data.length; i++) {
    const j = i % x.cols;
    out.data[i] = s.min[j] + x.data[i] * (s.max[j] - s.min[j]);
  }
  return out;
}

/** Indices of the columns whose training range is a single value (they carry no information once scaled). */
export function constantColumns(s: MinMaxScaler): number[] {
  return s.min.flatMap((m, j) => (m === s.max[j] ? [j] : []));
}
