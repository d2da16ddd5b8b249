/**
 * The engine's twins against the references they replace, each on the same work in one run (docs/architecture.md,
 * "The engine"): the fused gradient search vs the tfjs reference loop (SCFE, adult MLP, 200 factuals), the
 * WebAssembly shell sampler vs sampleShell + projectRows (adult's layout), the fused VAE step vs the tfjs tape,
 * and the fused training kernel vs the tfjs-ops trainer (one adult MLP, one epoch, ERM and PGD-7).
 */
import { getDataset } from '../../src/data';
import { featureLayout, mutableColumns, projectRows } from '../../src/data/layout';
import { shellKernel } from '../../src/engine/index';
import { selectFactuals } from '../../src/metrics';
import { fitModel, trainModel, trainModelOps } from '../../src/models';
import { trainVaeWeights, VAE_DEFAULTS } from '../../src/recourse/cchvae/train';
import { Vae } from '../../src/recourse/cchvae/vae';
import { gradientSearch } from '../../src/recourse/gradient-search';
import { scfeSearchSpec, SCFE_DEFAULTS } from '../../src/recourse/scfe';
import { Rng } from '../../src/util/rng';
import { sampleShell } from '../../src/util/sampling';
import type { BenchRow } from '../bench';
import { benchProgress } from './progress';

export const title = "The engine's twins vs their references, same work, one run (adult; wall seconds, fastest of 2)";

/** The fastest of `reps` wall times of f, in seconds. */
function fastest(f: () => void, reps = 2): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const row = (twin: string, work: string, reference: number, fast: number): BenchRow => ({
  twin,
  work,
  'reference s': reference,
  'twin s': fast,
  'twin / reference': fast / reference,
});

export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const layout = featureLayout(ds.train.x.cols, ds.spec);
  const rows: BenchRow[] = [];

  benchProgress('engine: fused search vs the tfjs loop');
  const net = fitModel(ds, { kind: 'mlp', eps: 0, epochs: 5 }).net;
  const x = selectFactuals(ds.test, net, { n: 200 }).x;
  const spec = scfeSearchSpec(net, x, layout, SCFE_DEFAULTS);
  rows.push(
    row(
      'search/ fused gradient search',
      'SCFE, 200 factuals',
      fastest(() => gradientSearch(spec, { reference: true })),
      fastest(() => gradientSearch(spec)),
    ),
  );

  benchProgress('engine: WebAssembly shell sampler vs sampleShell + projectRows');
  const [d, count] = [ds.train.x.cols, 2000];
  const center = ds.test.x.data.slice(0, d);
  const dims = mutableColumns(layout);
  const shell = { a0: 0.1, a1: 0.2, p: 2 as const, radial: 'volume' as const };
  const out = new Float32Array(count * d);
  const reps = 100;
  const reference = () => {
    const rng = new Rng(1);
    for (let r = 0; r < reps; r++) {
      sampleShell(rng, center, dims, shell, count, out, 0, d);
      projectRows(layout, out, center, () => 0);
    }
  };
  const wasm = () => {
    const rng = new Rng(1);
    for (let r = 0; r < reps; r++) shellKernel().sampleRow(rng, center, dims, shell, count, out, 0, d, layout);
  };
  rows.push(row('shells/ WebAssembly sampler', `${(reps * count) / 1000}k samples, drawn and projected`, fastest(reference), fastest(wasm)));

  benchProgress('engine: fused VAE step vs the tfjs tape');
  const o = { ...VAE_DEFAULTS, epochs: 1, seed: 0 };
  const train = (trainer: 'fused' | 'autodiff') => () => {
    const vae = Vae.init(
      Array.from(layout.mutable.keys()).filter((j) => layout.mutable[j] > 0),
      [...layout.immutable],
      [...o.hidden],
      o.latent,
      o.seed,
    );
    trainVaeWeights(vae, ds.train.x, o, trainer);
    vae.dispose();
  };
  rows.push(row('vae/ fused VAE step', 'C-CHVAE autoencoder, 1 adult epoch', fastest(train('autodiff'), 1), fastest(train('fused'), 1)));

  for (const eps of [0, 0.1]) {
    benchProgress(`engine: fused training kernel vs tfjs ops, ε = ${eps}`);
    const t = { kind: 'mlp' as const, eps, epochs: 1, seed: 0 };
    rows.push(
      row(
        'train/ fused step kernel',
        `adult MLP, 1 epoch, ${eps ? 'PGD-7' : 'ERM'}`,
        fastest(() => trainModelOps(ds.train, t).net.dispose(), 1),
        fastest(() => trainModel(ds.train, t).net.dispose(), 1),
      ),
    );
  }
  net.dispose();
  return rows;
}
