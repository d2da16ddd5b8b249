import type { Matrix } from '../util/matrix';
import type { DatasetSpec } from './definition';
import type { MinMaxScaler } from './scaling';

/** Features scaled to [0, 1] and labels in {0, 1} (1 = favourable outcome). */
export interface Split {
  readonly x: Matrix;
  readonly y: Float32Array;
}

/** Where a dataset's files came from. */
export interface DataSource {
  readonly kind: 'directory' | 'cache' | 'download' | 'synthetic';
  readonly train: string;
  readonly test: string;
}

/** A loaded, scaled dataset: the input of every model and recourse method. */
export interface Dataset {
  readonly spec: DatasetSpec;
  readonly train: Split;
  readonly test: Split;
  readonly scaler: import('./scaling').MinMaxScaler;
  /** Test cells outside the training range, clipped to [0, 1]. */
  readonly clippedTestCells: number;
  readonly source: DataSource;
}
export type { DatasetSpec, MinMaxScaler, Matrix };
