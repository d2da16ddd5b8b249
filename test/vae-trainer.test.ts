import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { Vae, type VaeWeights } from '../src/recourse/cchvae/vae';
import { FusedVaeTrainer } from '../src/engine/vae/vae-fused';
import { negativeElbo, trainVaeWeights, VAE_DEFAULTS, vaeTrainer } from '../src/recourse/cchvae/train';
import { Rng } from '../src/util/rng';
import type { Matrix } from '../src/util/matrix';

await initBackend({ quiet: true });

/** Rows in [0, 1]: even columns continuous, odd ones binary. */
function rows(n: number, d: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) data[i] = i % 2 ? Number(rng.next() < 0.3) : rng.next();
  return { rows: n, cols: d, data };
}

const flat = (w: VaeWeights) => [...w.encoder, w.mu, w.logVar, ...w.decoder].flatMap((l) => [...l.W, ...l.b]);

/** train.ts's loss (the autodiff trainer's) with its tape gradient. */
function tapeLossGrads(vae: Vae, xm: Float32Array, cond: Float32Array, B: number, noise: Float32Array, beta: number) {
  const [m, c] = [vae.mutableCols.length, vae.condCols.length];
  const { value, grads } = tf.variableGrads(
    () => tf.tidy(() => negativeElbo(vae, tf.tensor2d(xm, [B, m]), tf.tensor2d(cond, [B, c]), tf.tensor2d(noise, [B, vae.latent]), beta)),
    vae.variables,
  );
  const out = { loss: value.dataSync()[0], grad: vae.variables.flatMap((v) => Array.from(grads[v.name].dataSync())) };
  value.dispose();
  Object.values(grads).forEach((g) => g.dispose());
  return out;
}

for (const [hidden, condCols] of [
  [
    [16, 8],
    [5, 6],
  ],
  [[], [5]],
  [[12], []],
] as const) {
  test(`fused VAE loss and gradient equal the tfjs tape's (hidden [${hidden}], condition [${condCols}])`, () => {
    const mutable = [0, 1, 2, 3, 4].filter((j) => !(condCols as readonly number[]).includes(j)).concat([7]);
    const vae = Vae.init(mutable, [...condCols], [...hidden], 3, 4);
    const B = 24;
    const x = rows(B, 8, 1);
    const pick = (cols: readonly number[]) =>
      Float32Array.from({ length: B * cols.length }, (_, q) => x.data[Math.floor(q / cols.length) * 8 + cols[q % cols.length]]);
    const [xm, cond] = [pick(mutable), pick(condCols)];
    const rng = new Rng(9);
    for (const beta of [0, 0.7]) {
      const noise = rng.fill(B * 3, (r) => r.normal());
      const fused = new FusedVaeTrainer(vae.weights(), 1e-3);
      const loss = fused.lossGrads({ rows: B, xm, cond }, { beta, noise });
      const tape = tapeLossGrads(vae, xm, cond, B, noise, beta);
      const g = flat(fused.gradients());
      assert.equal(g.length, tape.grad.length);
      assert.ok(Math.abs(loss - tape.loss) <= 1e-5 * Math.abs(tape.loss), `β=${beta}: loss ${loss} vs ${tape.loss}`);
      const err = Math.hypot(...g.map((v, i) => v - tape.grad[i])) / Math.hypot(...tape.grad);
      assert.ok(err < 1e-5, `β=${beta}: relative gradient error ${err}`);
      assert.ok(Math.hypot(...tape.grad) > 0, 'the gradient is not zero');
    }
    vae.dispose();
  });
}

test('the fused and autodiff VAE trainers take the same steps (same batches, noise and Adam; float rounding apart)', () => {
  const x = rows(200, 6, 3);
  const o = { ...VAE_DEFAULTS, hidden: [16, 8], latent: 3, epochs: 2, batchSize: 32, seed: 7 };
  const run = (trainer: 'fused' | 'autodiff') => {
    const vae = Vae.init([0, 1, 2, 3], [4, 5], o.hidden, o.latent, o.seed);
    const history = trainVaeWeights(vae, x, o, trainer);
    const w = flat(vae.weights());
    vae.dispose();
    return { history, w };
  };
  const start = (() => {
    const v = Vae.init([0, 1, 2, 3], [4, 5], o.hidden, o.latent, o.seed);
    const w = flat(v.weights());
    v.dispose();
    return w;
  })();
  const [a, b] = [run('fused'), run('autodiff')];
  a.history.forEach((l, e) => assert.ok(Math.abs(l - b.history[e]) <= 1e-5 * Math.abs(b.history[e]), `epoch ${e}: loss ${l} vs ${b.history[e]}`));
  const moved = Math.max(...a.w.map((v, i) => Math.abs(v - start[i])));
  const gap = Math.max(...a.w.map((v, i) => Math.abs(v - b.w[i])));
  // 14 Adam steps of lr 1e-3 move weights by up to ~1.4e-2; the two trainers may differ by rounding only
  assert.ok(moved > 5e-3, `training moved the weights by ${moved} only`);
  assert.ok(gap < 1e-5, `the trainers' weights differ by ${gap}`);
});

test('fused VAE training frees every backend allocation and is deterministic', () => {
  assert.equal(vaeTrainer(), 'fused', 'the wasm backend trains with the fused trainer');
  const x = rows(100, 5, 2);
  const o = { ...VAE_DEFAULTS, hidden: [8], latent: 2, epochs: 2, batchSize: 16, seed: 1 };
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const train = () => {
    const vae = Vae.init([0, 1, 2], [3, 4], o.hidden, o.latent, o.seed);
    const history = trainVaeWeights(vae, x, o);
    const w = flat(vae.weights());
    vae.dispose();
    return { history, w };
  };
  const ids = backend.numDataIds();
  const tensors = tf.memory().numTensors;
  const [a, b] = [train(), train()];
  assert.equal(backend.numDataIds(), ids, 'backend data ids after training');
  assert.equal(tf.memory().numTensors, tensors, 'tensors after training');
  assert.deepEqual(a, b);
});
