import { takeRows } from '../util/matrix';
import { Rng } from '../util/rng';
import type { Dataset } from './types';

/**
 * The dataset with at most `rows` training rows, a seeded random subset kept in file order (the test split,
 * the scaler and the spec are unchanged, so models stay comparable with full-data runs on the same test set).
 */
export function subsampleTrain(ds: Dataset, rows: number, seed = 0): Dataset {
  if (!(rows > 0) || rows >= ds.train.x.rows) return ds;
  const idx = Array.from(new Rng(seed).permutation(ds.train.x.rows).subarray(0, rows)).sort((a, b) => a - b);
  return { ...ds, train: { x: takeRows(ds.train.x, idx), y: Float32Array.from(idx, (i) => ds.train.y[i]) } };
}
