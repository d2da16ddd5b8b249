import { getDataset } from '../../src/data';
import { selectFactuals, summarizeRecourse } from '../../src/metrics';
import { fitModel } from '../../src/models';
import { featureLayout } from '../../src/data/layout';
import { fitVae, getRecourseMethod } from '../../src/recourse';
import type { BenchRow } from '../bench';
import { benchProgress } from './progress';

export const title = 'Recourse: seconds per factual, adult MLP, 500 factuals (negatives of the ε = 0 model)';

/**
 * Times one batched call per method on the ε = 0 and ε = 0.3 MLP (models and the C-CHVAE autoencoder are
 * trained or loaded first, so only the search is timed, as in CARLA's avg-time metric).
 */
export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const reference = fitModel(ds, { kind: 'mlp', eps: 0 }).net;
  fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), ds.spec.name);
  const rows: BenchRow[] = [];
  for (const eps of [0, 0.3]) {
    const model = fitModel(ds, { kind: 'mlp', eps }).net;
    const f = selectFactuals(ds.test, model, { policy: 'reference', reference, n: 500 });
    for (const name of ['scfe', 'gsm', 'cchvae', 'roar']) {
      benchProgress(`recourse: ${name} on the ε = ${eps} MLP`);
      const r = await getRecourseMethod(name).generate(model, f.x, {}, { spec: ds.spec, train: ds.train });
      const s = summarizeRecourse(model, f.x, r);
      rows.push({
        method: name,
        'model ε': eps,
        factuals: s.n,
        validity: s.validity,
        'mean ℓ2 (valid)': Number.isFinite(s.meanCostValid) ? s.meanCostValid : 'n/a',
        'total s': r.totalSeconds,
        's/factual': s.secondsPerFactual,
        target: name === 'scfe' ? '≤ 5 s total (wasm)' : '',
      });
    }
  }
  return rows;
}
