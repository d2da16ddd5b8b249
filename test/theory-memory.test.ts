/** Theory runs dispose every tensor they make: the trained LR nets, the NTK models' constants and the C-CHVAE autoencoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { disposeLrPair, fitLrPair, runLrTheory, runNtkTheory } from '../src/experiments/theory/index';

await initBackend({ quiet: true });
const ds = syntheticDataset({ n: 240, d: 5, binary: 2, seed: 4 });
const cchvae = { options: { samplesPerShell: 40, maxShells: 40, cache: false, vae: { epochs: 2 } } };

test('the LR pair holds tensors until disposeLrPair frees them (so the checks below can fail)', () => {
  const before = tf.memory().numTensors;
  const p = fitLrPair(ds, { eps: 0.1, epochs: 2, cache: false });
  assert.ok(tf.memory().numTensors > before);
  disposeLrPair(p);
  assert.equal(tf.memory().numTensors, before);
});

test('a full LR theory run, C-CHVAE included, leaves tf.memory().numTensors where it started', async () => {
  const before = tf.memory().numTensors;
  const run = await runLrTheory(ds, { eps: 0.1, n: 6, seed: 0, pair: { epochs: 3, cache: false }, cchvae });
  assert.ok(
    run.statements.some((s) => s.name === 'theorem3'),
    'Theorem 3 ran',
  );
  assert.equal(tf.memory().numTensors, before);
});

test('a full NTK theory run, C-CHVAE included, leaves tf.memory().numTensors where it started', async () => {
  const before = tf.memory().numTensors;
  const run = await runNtkTheory(ds, { eps: 0.1, n: 6, seed: 0, pair: { n: 60 }, cchvae });
  assert.deepEqual(run.statements.map((s) => s.name).sort(), ['lemma2', 'theorem2', 'theorem2', 'theorem3', 'theorem5']);
  assert.equal(tf.memory().numTensors, before);
});
