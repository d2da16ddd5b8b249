import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { featureLayout } from '../src/data/layout';
import { gsm } from '../src/recourse/gsm';
import { prepareDecoding, runShellJob, type ShellJob } from '../src/engine/shells/shell-job';
import { forEachSampled, sampleBuffer, samplerThreads, startSamplerThreads, withSamplerThreads } from '../src/engine/shells/shell-threads';
import type { SampleDecoder } from '../src/engine/shells/sample-decoder';
import { cchvae } from '../src/recourse/cchvae/method';
import { fitVae } from '../src/recourse/cchvae/train';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../src/util/rng';
import { rowRng } from '../src/util/sampling';
import { negatives, synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

test('Rng.setState(getState()) continues the same stream on another generator', () => {
  const a = new Rng(7);
  for (let i = 0; i < 5; i++) a.next();
  const b = new Rng(123);
  b.setState(a.getState());
  const fromA = Array.from({ length: 20 }, () => a.nextInt32());
  const fromB = Array.from({ length: 20 }, () => b.nextInt32());
  assert.deepEqual(fromB, fromA);
  a.normal(); // leaves a Box–Muller spare pending
  assert.throws(() => a.getState(), /spare is pending/);
});

/** Jobs of 3 rows × 50 samples over a 6-column layout with a binary column and an immutable one, into `out`. */
function jobs(out: Float32Array, n: number): ShellJob[] {
  const ds = synthetic(2);
  const layout = featureLayout(ds.train.x.cols, ds.spec);
  const d = ds.train.x.cols;
  const dims = [...layout.mutable].flatMap((m, j) => (m ? [j] : []));
  return Array.from({ length: n }, (_, c) => ({
    centers: ds.test.x.data.slice(c * 3 * d, (c + 1) * 3 * d),
    width: d,
    dims,
    shells: Float64Array.from([0, 0.3, 0.2, 0.5, 1, 1.5]),
    states: Int32Array.from([0, 1, 2], (r) => rowRng(5, c * 3 + r).getState()),
    count: 50,
    p: 2,
    radial: 'volume',
    layout,
    out,
    firstRow: c * 150,
    decoder: null,
    factuals: null,
  }));
}

test('forEachSampled: worker threads write the same samples and generator positions as one thread, in job order', async () => {
  const d = synthetic(2).train.x.cols;
  const n = 12;
  const alone = new Float32Array(n * 150 * d);
  const expectedStates = jobs(alone, n).map(runShellJob);
  const shared = sampleBuffer(n * 150 * d, 3);
  assert.ok(shared.buffer instanceof SharedArrayBuffer);
  const order: number[] = [];
  const states: Int32Array[] = [];
  const { workerJobs } = await forEachSampled(
    jobs(shared, n),
    (c, s) => {
      order.push(c);
      states[c] = s;
    },
    3,
  );
  assert.ok(workerJobs > 0, 'worker threads sampled some of the jobs');
  assert.deepEqual(order, [...Array(n).keys()], 'use() is called once per job, in order');
  assert.deepEqual(
    states.map((s) => Array.from(s)),
    expectedStates.map((s) => Array.from(s)),
  );
  assert.deepEqual(Array.from(shared), Array.from(alone));
  assert.ok(
    alone.some((v, i) => v !== alone[i % d]),
    'the samples are not all the center',
  );
});

/** Jobs of 3 rows × 50 latent samples (3-d, plus the immutable column) decoded by a random 2-layer decoder into full synthetic rows. */
function decodingJobs(threads: number, n: number): { jobs: ShellJob[]; decoder: SampleDecoder } {
  const ds = synthetic(2);
  const layout = featureLayout(ds.train.x.cols, ds.spec);
  const d = ds.train.x.cols;
  const mutable = [...layout.mutable].flatMap((m, j) => (m ? [j] : []));
  const rng = new Rng(4);
  const layer = (inDim: number, outDim: number) => ({ inDim, outDim, W: rng.fill(inDim * outDim, (r) => r.normal()), b: rng.fill(outDim, (r) => r.normal()) });
  const decoder: SampleDecoder = {
    backend: tf.getBackend(),
    layers: [layer(4, 16), layer(16, mutable.length)],
    columns: mutable,
    layout,
    out: sampleBuffer(n * 150 * d, threads),
  };
  const out = sampleBuffer(n * 150 * 4, threads);
  const jobs = Array.from({ length: n }, (_, c): ShellJob => {
    const factuals = ds.test.x.data.slice(c * 3 * d, (c + 1) * 3 * d);
    const centers = Float32Array.from({ length: 12 }, (_, q) => (q % 4 === 3 ? factuals[Math.floor(q / 4) * d] : 0));
    return {
      centers,
      width: 4,
      dims: [0, 1, 2],
      shells: Float64Array.from([0, 1, 1, 2, 2, 3]),
      states: Int32Array.from([0, 1, 2], (r) => rowRng(5, c * 3 + r).getState()),
      count: 50,
      p: 1,
      radial: 'radius',
      layout: null,
      out,
      firstRow: c * 150,
      decoder,
      factuals,
    };
  });
  return { jobs, decoder };
}

test('decoding jobs: worker threads decode the same projected candidates as this thread (once their backend runs)', async () => {
  const n = 12;
  const alone = decodingJobs(1, n);
  assert.throws(() => runShellJob(alone.jobs[0]), /a job with a decoder needs prepareDecoding\(\) first/);
  await prepareDecoding();
  alone.jobs.forEach(runShellJob);
  assert.equal(await startSamplerThreads(tf.getBackend(), 3), 2, 'two worker threads, with the backend running');
  const threaded = decodingJobs(3, n);
  const { workerJobs } = await forEachSampled(threaded.jobs, () => {}, 3);
  assert.ok(workerJobs > 0, 'worker threads decoded some of the jobs');
  assert.deepEqual(Array.from(threaded.decoder.out), Array.from(alone.decoder.out));
  const d = threaded.decoder.layout.d;
  const cand = alone.decoder.out;
  for (let r = 0; r < n * 150; r++) {
    const factual = alone.jobs[Math.floor(r / 150)].factuals!.subarray((Math.floor(r / 50) % 3) * d, ((Math.floor(r / 50) % 3) + 1) * d);
    assert.equal(cand[r * d], factual[0], `candidate ${r} keeps the immutable column`);
  }
  assert.ok(new Set(Array.from(cand.filter((_, q) => q % d === 1))).size > 100, 'decoded columns vary');
});

test('a backend that cannot start on the sampler threads is one warning per thread and a clear rejection; decoding stays correct', async () => {
  const write = process.stderr.write.bind(process.stderr);
  let warned = '';
  process.stderr.write = ((chunk: string) => ((warned += chunk), true)) as typeof process.stderr.write;
  let failure: unknown;
  try {
    failure = await startSamplerThreads('nosuch', 2).then(
      () => null,
      (e: Error) => e,
    );
  } finally {
    process.stderr.write = write;
  }
  assert.match(
    String(failure),
    /the nosuch backend did not start on a sampler thread: the nosuch tfjs backend failed to start in a worker thread; set RECOURSE_THREADS=1/,
  );
  assert.match(warned, /a sampler thread could not start the nosuch backend .*; C-CHVAE decodes on this thread instead/);
  // the thread still serves the real backend afterwards
  const n = 6;
  const alone = decodingJobs(1, n);
  alone.jobs.forEach(runShellJob);
  await startSamplerThreads(tf.getBackend(), 2);
  const threaded = decodingJobs(2, n);
  const { workerJobs } = await forEachSampled(threaded.jobs, () => {}, 2);
  assert.ok(workerJobs > 0);
  assert.deepEqual(Array.from(threaded.decoder.out), Array.from(alone.decoder.out));
});

test('C-CHVAE gives the same counterfactuals on one sampler thread and on three', async () => {
  const ds = synthetic(3);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 60);
  const { vae } = fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), 'synthetic', { epochs: 5 }, { cache: false });
  await startSamplerThreads(tf.getBackend(), 3);
  // 1000 samples per shell: 4 rows per job, so the 60 rows' jobs spread over the threads
  const run = (threads: string) => withSamplerThreads(threads, () => cchvae.generate(net, f, { autoencoder: vae, samplesPerShell: 1000 }, { spec: ds.spec }));
  const one = await run('1');
  const three = await run('3');
  assert.ok(one.found.filter(Boolean).length >= 30, `found ${one.found.filter(Boolean).length}/60`);
  assert.deepEqual(Array.from(three.counterfactuals.data), Array.from(one.counterfactuals.data));
  assert.deepEqual(three.iterations, one.iterations);
  assert.deepEqual(three.radii, one.radii);
  vae.dispose();
  net.dispose();
});

test('GSM gives the same counterfactuals on one sampler thread and on three', async () => {
  const ds = synthetic(3);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 40);
  // 20 000 samples per shell make every row its own sampling job, so the 40 rows' jobs spread over the threads
  const run = (threads: string) => withSamplerThreads(threads, () => gsm.generate(net, f, { samplesPerShell: 20_000 }, { spec: ds.spec }));
  const one = await run('1');
  const three = await run('3');
  assert.ok(one.found.filter(Boolean).length >= 30);
  assert.deepEqual(Array.from(three.counterfactuals.data), Array.from(one.counterfactuals.data));
  assert.deepEqual(three.iterations, one.iterations);
  net.dispose();
});

test('RECOURSE_THREADS is checked, and a reproduce job samples on one thread by default', async () => {
  await withSamplerThreads('0', () => assert.throws(() => samplerThreads(), /RECOURSE_THREADS=0 is not a thread count: give a whole number from 1 to 256/));
  await withSamplerThreads('two', () => assert.throws(() => samplerThreads(), /RECOURSE_THREADS=two/));
  await withSamplerThreads('3', () => assert.equal(samplerThreads(), 3));
  const job = process.env.RECOURSE_JOB;
  process.env.RECOURSE_JOB = '1';
  try {
    await withSamplerThreads(undefined, () => assert.equal(samplerThreads(), 1));
  } finally {
    if (job === undefined) delete process.env.RECOURSE_JOB;
    else process.env.RECOURSE_JOB = job;
  }
});
