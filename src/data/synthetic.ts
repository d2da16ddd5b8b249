import { checkPositiveInt } from '../util/errors';
import { matrix } from '../util/matrix';
import { Rng } from '../util/rng';
import type { FeatureType } from './definition';
import type { Dataset } from './types';

/** Rows, features, binary and immutable columns, label noise and seed of the synthetic dataset. */
export interface SyntheticOptions {
  /** Training rows (default 1000). */
  n?: number;
  /** Test rows (default n / 4). */
  nTest?: number;
  /** Features (default 5). */
  d?: number;
  /** How many of the last features are binary {0,1} (default 0). */
  binary?: number;
  /** Std of the logit noise that makes labels imperfectly separable (default 0.5). */
  noise?: number;
  /** Column indices treated as immutable (default none). */
  immutable?: number[];
  seed?: number;
}

/**
 * A seeded synthetic binary task (no download): x uniform in [0,1]^d, y = 1 when a random linear score
 * plus Gaussian noise is positive. For tests and offline demos.
 */
export function syntheticDataset(o: SyntheticOptions = {}): Dataset {
  const n = checkPositiveInt(o.n ?? 1000, 'n');
  const nTest = checkPositiveInt(o.nTest ?? Math.max(1, Math.floor(n / 4)), 'nTest');
  const d = checkPositiveInt(o.d ?? 5, 'd');
  const nb = Math.min(o.binary ?? 0, d);
  const rng = new Rng(o.seed ?? 0);
  const w = Array.from({ length: d }, () => rng.normal() * 4);
  const noise = o.noise ?? 0.5;
  const make = (rows: number) => {
    const x = matrix(rows, d);
    const y = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = j >= d - nb ? (rng.next() < 0.5 ? 0 : 1) : rng.next();
        x.data[i * d + j] = v;
        s += w[j] * (v - 0.5);
      }
      y[i] = s + noise * rng.normal() > 0 ? 1 : 0;
    }
    return { x, y };
  };
  const features = Array.from({ length: d }, (_, j) => `x${j}`);
  const types: FeatureType[] = features.map((_, j) => (j >= d - nb ? 'binary' : 'continuous'));
  return {
    spec: { name: 'synthetic', label: 'y', features, types, oneHotGroups: [], immutable: o.immutable ?? [] },
    train: make(n),
    test: make(nTest),
    scaler: { min: Array(d).fill(0), max: Array(d).fill(1) },
    clippedTestCells: 0,
    source: { kind: 'synthetic', train: `synthetic(n=${n}, d=${d}, seed=${o.seed ?? 0})`, test: `synthetic(n=${nTest})` },
  };
}
