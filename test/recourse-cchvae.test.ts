import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { getDataset } from '../src/data';
import { cchvae } from '../src/recourse/cchvae/method';
import { logitsOf } from '../src/models/predict';
import { featureLayout, isFeasible } from '../src/data/layout';
import { decoderLipschitz } from '../src/recourse/cchvae/lipschitz';
import { fitVae, reconstructionError } from '../src/recourse/cchvae/train';
import { Rng } from '../src/util/rng';
import { DATA_DIR, HAVE_DATA } from './helpers';
import { l2, negatives, rowOf, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

test('C-CHVAE on german: outputs in [0,1], binaries in {0,1}, one-hot groups one-hot, immutables unchanged', { skip: !HAVE_DATA && 'no data' }, async () => {
  const ds = await getDataset('german', { dataDir: DATA_DIR });
  const net = trained(ds, 'lr', 0, 150);
  const f = negatives(net, ds.test.x, 25);
  const layout = featureLayout(f.cols, ds.spec);
  const { vae } = fitVae(ds.train, layout, 'german', { epochs: 100 }, { cache: false });
  const r = await cchvae.generate(net, f, { autoencoder: vae, samplesPerShell: 100 }, { spec: ds.spec });
  assert.ok(r.found.filter(Boolean).length >= 10, `found ${r.found.filter(Boolean).length}/25: too few to check the constraints on`);
  const z = logitsOf(net, r.counterfactuals);
  for (let i = 0; i < f.rows; i++) {
    assert.ok(isFeasible(layout, rowOf(r.counterfactuals, i), rowOf(f, i)), `row ${i} is feasible`);
    assert.equal(r.found[i], z[i] > 0);
    if (r.found[i]) assert.ok(r.radii[i] >= 0 && r.radii[i] <= r.shellRadii[i] + 1e-9, 'the latent radius lies within the last shell');
  }
  assert.ok(Number.isFinite(r.lipschitz) && r.lipschitz > 0);
  vae.dispose();
  net.dispose();
});

test('VAE: test reconstruction MSE on compas is below 10% of the predict-the-mean baseline', { skip: !HAVE_DATA && 'no data' }, async () => {
  const ds = await getDataset('compas', { dataDir: DATA_DIR });
  const { vae } = fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), 'compas', { epochs: 8 }, { cache: false });
  const { mse, baselineMse } = reconstructionError(vae, ds.test.x);
  assert.ok(mse < 0.1 * baselineMse, `test MSE ${mse} vs baseline ${baselineMse}`);
  vae.dispose();
});

test('the decoder Lipschitz bound holds: ‖G(z₁,c) − G(z₂,c)‖₂ ≤ L‖z₁ − z₂‖₂ on random pairs', async () => {
  const { Vae } = await import('../src/recourse/cchvae/vae');
  const vae = Vae.init([0, 1, 2, 3], [4], [16, 8], 3, 5);
  const L = decoderLipschitz(vae).bound;
  const rng = new Rng(2);
  const n = 500;
  const z1 = Float32Array.from({ length: n * 3 }, () => rng.normal() * 2);
  const z2 = Float32Array.from(z1, (v) => v + rng.normal() * 0.5);
  const c = Float32Array.from({ length: n }, () => rng.next());
  const [g1, g2] = [z1, z2].map((z) => tf.tidy(() => vae.decode(tf.tensor2d(z, [n, 3]), tf.tensor2d(c, [n, 1])).arraySync() as number[][]));
  let tightest = 0;
  for (let i = 0; i < n; i++) {
    const ratio = l2(g1[i], g2[i]) / l2(z1.subarray(i * 3, i * 3 + 3), z2.subarray(i * 3, i * 3 + 3));
    assert.ok(ratio <= L * (1 + 1e-5), `pair ${i}: ratio ${ratio} > bound ${L}`);
    tightest = Math.max(tightest, ratio);
  }
  assert.ok(tightest > 0, 'the decoder is not constant');
  vae.dispose();
});

test('C-CHVAE without training data or an autoencoder is a clear error', async () => {
  const { linearNet } = await import('./recourse-fixtures');
  const net = linearNet([1, 1], -1);
  await assert.rejects(cchvae.generate(net, { rows: 1, cols: 2, data: Float32Array.from([0.1, 0.1]) }), /cchvae needs training data for its VAE/);
  net.dispose();
});
