import { getDataset } from '../../src/data';
import { trainModel } from '../../src/models';
import type { BenchRow } from '../bench';

export const title = 'Seconds per training epoch, adult (36 177 rows), batch 256';

/** Times 2 epochs (after a 1-epoch warm-up) of each model × objective. */
export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const rows: BenchRow[] = [];
  for (const kind of ['lr', 'mlp'] as const) {
    for (const [label, eps] of [
      ['ERM', 0],
      ['PGD-7 (ε=0.1)', 0.1],
    ] as const) {
      trainModel(ds.train, { kind, eps, epochs: 1 }).net.dispose();
      const r = trainModel(ds.train, { kind, eps, epochs: 2 });
      r.net.dispose();
      rows.push({ model: kind, objective: label, 'seconds/epoch': r.trainSeconds / 2, target: kind === 'mlp' && eps > 0 ? '≤ 0.5 s (wasm)' : '' });
    }
  }
  return rows;
}
