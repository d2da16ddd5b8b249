import { getDataset } from '../../src/data';
import { selectFactuals } from '../../src/metrics';
import { fitModel } from '../../src/models';
import { exact, EXACT_DEFAULTS } from '../../src/recourse/exact/method';
import type { BenchRow } from '../bench';
import { benchProgress } from './progress';

export const title = `Exact recourse on MLPs (MILP, HiGHS): seconds per factual, 20 negatives of the ε = 0 model (German 10), default ${EXACT_DEFAULTS.timeLimit} s limit per factual`;

const quantile = (v: number[], q: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

/** Per dataset and ε: median and 95th-percentile solve time per factual that needed a recourse, and the share proven optimal. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const name of ['compas', 'adult', 'german']) {
    const ds = await getDataset(name);
    const reference = fitModel(ds, { kind: 'mlp', eps: 0 }).net;
    for (const eps of [0, 0.3]) {
      benchProgress(`exact: ${name} MLP, ε = ${eps}`);
      const model = eps === 0 ? reference : fitModel(ds, { kind: 'mlp', eps }).net;
      const f = selectFactuals(ds.test, model, { policy: 'reference', reference, n: name === 'german' ? 10 : 20 });
      const r = await exact.generate(model, f.x, {}, { spec: ds.spec, train: ds.train });
      // the row clock says when each row finished; exact solves the rows one after another, so a row's solve time
      // is the gap to the row finished before it
      const finished = r.seconds
        .map((t, i) => ({ t, i }))
        .filter(({ i }) => !r.alreadyPositive[i] && !r.certified[i])
        .sort((a, b) => a.t - b.t);
      const searched = finished.map(({ t, i }, k) => ({ s: t - (k ? finished[k - 1].t : 0), i }));
      const proven = searched.filter(({ i }) => r.optimal[i] && !r.noRecourse[i]).length;
      const none = searched.filter(({ i }) => r.noRecourse[i]).length;
      rows.push({
        dataset: name,
        'model ε': eps,
        factuals: f.x.rows,
        solved: searched.length,
        certified: r.certified.filter(Boolean).length,
        'median s': quantile(
          searched.map((x) => x.s),
          0.5,
        ),
        'p95 s': quantile(
          searched.map((x) => x.s),
          0.95,
        ),
        'proven optimal': searched.length > none ? proven / (searched.length - none) : 'n/a',
        'proven no recourse': none,
      });
      if (model !== reference) model.dispose();
    }
    reference.dispose();
  }
  return rows;
}
