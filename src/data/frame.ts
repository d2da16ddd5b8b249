import * as dfd from 'danfojs-node';
import { invertMinMax } from './scaling';
import type { Dataset } from './types';
import { toRows } from '../util/matrix';

/**
 * A danfojs DataFrame of one split (for notebooks: head, describe). `raw: true` shows original units,
 * otherwise the [0, 1]-scaled features the models see. The label is the last column.
 */
export function toDataFrame(ds: Dataset, opts: { split?: 'train' | 'test'; raw?: boolean } = {}): dfd.DataFrame {
  const split = ds[opts.split ?? 'train'];
  const x = opts.raw ? invertMinMax(split.x, ds.scaler) : split.x;
  const rows = toRows(x).map((r, i) => [...r, split.y[i]]);
  return new dfd.DataFrame(rows, { columns: [...ds.spec.features, ds.spec.label] });
}
