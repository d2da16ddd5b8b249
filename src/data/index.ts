export * from './definition';
export * from './registry';
export * from './types';
export * from './csv';
export * from './scaling';
export * from './load';
export * from './synthetic';
export * from './summary';
export * from './target';
import { loadDataset, type LoadOptions } from './load';
import { syntheticDataset, type SyntheticOptions } from './synthetic';
import type { Dataset } from './types';

/** Loads a real dataset by name, or generates `synthetic` (options in `synthetic`). */
export async function getDataset(name: string, opts: LoadOptions & { synthetic?: SyntheticOptions } = {}): Promise<Dataset> {
  return name === 'synthetic' ? syntheticDataset(opts.synthetic) : loadDataset(name, opts);
}
