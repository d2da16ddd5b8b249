import { parentPort } from 'node:worker_threads';
import type { FeatureLayout } from '../../data/layout';
import { Rng } from '../../util/rng';
import type { ShellSpec } from '../../util/sampling';
import type { SampleDecoder } from './sample-decoder';
import { shellKernel } from './shell-wasm';

/** The decoding code, loaded by prepareDecoding (it brings tfjs, which GS's worker threads never need). */
let decode: typeof import('./sample-decoder').decodeSamples | null = null;

/**
 * Loads the decoding code and tfjs into this thread. A job with a decoder needs it; forEachSampled calls it
 * on the main thread, the worker loop on a worker. Loading tfjs costs a worker about 100 MB of memory.
 */
export async function prepareDecoding(): Promise<void> {
  decode ??= (await import('./sample-decoder')).decodeSamples;
}

/**
 * One batch of shell samples: row i of `centers` gets `count` samples in its shell [shells[2i], shells[2i+1]],
 * drawn from the generator at position states[i], written to `out` from row (firstRow + i·count), then
 * projected onto `layout` with the center as the factual when a layout is given, then, with a decoder, decoded
 * into candidate rows completing `factuals` (decoder.out). Plain data only, so a job can be posted to a worker
 * thread (with `out` and decoder.out on SharedArrayBuffers).
 */
export interface ShellJob {
  centers: Float32Array;
  width: number;
  dims: number[];
  shells: Float64Array;
  states: Int32Array;
  count: number;
  p: ShellSpec['p'];
  radial: ShellSpec['radial'];
  layout: FeatureLayout | null;
  out: Float32Array;
  firstRow: number;
  decoder: SampleDecoder | null;
  /** With a decoder: the job rows' factuals (rows × decoder.layout.d), which the decoded samples complete. */
  factuals: Float32Array | null;
}

/**
 * Runs a job on this thread and returns each row's generator position after it. A row's samples depend only on
 * its own generator, so any split of the rows over threads writes the same numbers as one thread.
 */
export function runShellJob(job: ShellJob): Int32Array {
  const { centers, width, count } = job;
  const rows = job.states.length;
  const rng = new Rng(0);
  const after = new Int32Array(rows);
  const kernel = shellKernel();
  for (let i = 0; i < rows; i++) {
    rng.setState(job.states[i]);
    const spec = { a0: job.shells[2 * i], a1: job.shells[2 * i + 1], p: job.p, radial: job.radial };
    kernel.sampleRow(rng, centers.subarray(i * width, (i + 1) * width), job.dims, spec, count, job.out, job.firstRow + i * count, width, job.layout);
    after[i] = rng.getState();
  }
  if (job.decoder) {
    if (!decode) throw new Error('runShellJob: a job with a decoder needs prepareDecoding() first');
    decode(job.decoder, job.out, job.firstRow, rows * count, job.factuals!, count);
  }
  return after;
}

/**
 * The worker thread's loop (started by shell-threads.ts): runs each posted job and answers with the rows' generator
 * positions. A `backend` message, or a job whose decoder runs on another backend than the active one, first
 * switches this thread's tfjs to that backend (one switch at a time; a failed one fails only its own message).
 */
export function serveShellJobs(): void {
  let switching: Promise<void> = Promise.resolve();
  let tf: typeof import('@tensorflow/tfjs') | null = null;
  parentPort!.on('message', async (m: { id: number; job?: ShellJob; backend?: string }) => {
    try {
      const name = m.backend ?? m.job?.decoder?.backend;
      // only the first decoding job, or one on another backend, waits: later ones run at once
      if (name && (!decode || !tf || tf.getBackend() !== name)) {
        switching = switching
          .catch(() => undefined)
          .then(async () => {
            await prepareDecoding();
            tf ??= await import('@tensorflow/tfjs');
            if (tf.getBackend() !== name) await (await import('../../backend')).useBackend(name);
          });
        await switching;
      }
      parentPort!.postMessage({ id: m.id, states: m.job ? runShellJob(m.job) : new Int32Array(0) });
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
