import { createRequire } from 'node:module';
import type * as Danfo from 'danfojs-node';
import { invertMinMax } from './scaling';
import type { Dataset } from './types';
import { toRows } from '../util/matrix';

/**
 * danfojs-node, loaded on first use: it takes about 2 s to load, which every notebook's import cell paid before.
 * The compiled library resolves it from its own folder; run from source (ESM, no `require`), from the working
 * folder.
 */
function danfo(): typeof Danfo {
  const load = typeof require === 'function' ? require : createRequire(`${process.cwd()}/`);
  return load('danfojs-node') as typeof Danfo;
}

/**
 * A danfojs DataFrame of one split (for notebooks: head, describe). `raw: true` shows original units,
 * otherwise the [0, 1]-scaled features the models see. The label is the last column.
 */
export function toDataFrame(ds: Dataset, opts: { split?: 'train' | 'test'; raw?: boolean } = {}): Danfo.DataFrame {
  const split = ds[opts.split ?? 'train'];
  const x = opts.raw ? invertMinMax(split.x, ds.scaler) : split.x;
  const rows = toRows(x).map((r, i) => [...r, split.y[i]]);
  return new (danfo().DataFrame)(rows, { columns: [...ds.spec.features, ds.spec.label] });
}
