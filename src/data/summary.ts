import type { Dataset } from './types';

/** The facts `recourse data` prints about a loaded dataset. */
export interface DatasetSummary {
  dataset: string;
  trainRows: number;
  testRows: number;
  features: number;
  continuous: number;
  binary: number;
  oneHotGroups: number;
  immutable: string[];
  positiveRate: number;
  testPositiveRate: number;
  clippedTestCells: number;
  source: string;
  files: { train: string; test: string };
}

function rate(y: Float32Array): number {
  let s = 0;
  for (const v of y) s += v;
  return y.length ? s / y.length : NaN;
}

/** Rows, features and positive rates of a dataset's splits, as `recourse data` prints them. */
export function summarizeDataset(ds: Dataset): DatasetSummary {
  return {
    dataset: ds.spec.name,
    trainRows: ds.train.x.rows,
    testRows: ds.test.x.rows,
    features: ds.spec.features.length,
    continuous: ds.spec.types.filter((t) => t === 'continuous').length,
    binary: ds.spec.types.filter((t) => t === 'binary').length,
    oneHotGroups: ds.spec.oneHotGroups.length,
    immutable: ds.spec.immutable.map((i) => ds.spec.features[i]),
    positiveRate: rate(ds.train.y),
    testPositiveRate: rate(ds.test.y),
    clippedTestCells: ds.clippedTestCells,
    source: ds.source.kind,
    files: { train: ds.source.train, test: ds.source.test },
  };
}

/** Share of the majority class in the test split (the accuracy a constant model reaches). */
export function majorityRate(ds: Dataset): number {
  const r = rate(ds.test.y);
  return Math.max(r, 1 - r);
}
