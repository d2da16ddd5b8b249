/** A run of the experiment layer leaves no tensors behind (a long notebook session must not grow). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { profile, runExperiment, withOverrides } from '../src/experiments';
import { HAVE_DATA, tempDir } from './helpers';

await initBackend({ quiet: true });

test(
  'the quick profile (shrunk: Adult only, ε ∈ {0, 0.1}, 10 factuals, 3 epochs) leaves tf.memory().numTensors where it started',
  { skip: !HAVE_DATA && 'no data dir', timeout: 600_000 },
  async () => {
    process.env.RECOURSE_CACHE_DIR = tempDir('memory-cache-');
    try {
      const plan = withOverrides(profile('quick'), { datasets: ['adult'], eps: [0, 0.1], factuals: 10, trainRows: 2000, training: { epochs: 3 } });
      const before = tf.memory().numTensors;
      const run = await runExperiment(plan);
      assert.ok(run.recourse.length >= 8 && run.theoryRuns.length === 1, 'models, every method and a theory check ran');
      assert.equal(tf.memory().numTensors, before, 'no tensor is left behind');
      const again = await runExperiment(plan);
      assert.equal(tf.memory().numTensors, before, 'nor by a run answered from the cache');
      assert.deepEqual(again.summary, run.summary);
    } finally {
      delete process.env.RECOURSE_CACHE_DIR;
    }
  },
);
