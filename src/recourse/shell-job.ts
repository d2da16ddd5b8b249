import { parentPort } from 'node:worker_threads';
import { projectRows, type FeatureLayout } from '../data/layout';
import { Rng } from '../util/rng';
import { sampleShell, type ShellSpec } from '../util/sampling';

/**
 * One batch of shell samples: row i of `centers` gets `count` samples in its shell [shells[2i], shells[2i+1]],
 * drawn from the generator at position states[i], written to `out` from row (firstRow + i·count), then
 * projected onto `layout` with the center as the factual when a layout is given. Plain data only, so a
 * job can be posted to a worker thread (with `out` on a SharedArrayBuffer).
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
  for (let i = 0; i < rows; i++) {
    rng.setState(job.states[i]);
    const spec = { a0: job.shells[2 * i], a1: job.shells[2 * i + 1], p: job.p, radial: job.radial };
    sampleShell(rng, centers.subarray(i * width, (i + 1) * width), job.dims, spec, count, job.out, job.firstRow + i * count, width);
    after[i] = rng.getState();
  }
  if (job.layout) {
    const span = job.out.subarray(job.firstRow * width, (job.firstRow + rows * count) * width);
    projectRows(job.layout, span, centers, (r) => Math.floor(r / count));
  }
  return after;
}

/** The worker thread's loop (started by shell-threads.ts): runs each posted job and answers with the rows' generator positions. */
export function serveShellJobs(): void {
  parentPort!.on('message', (m: { id: number; job: ShellJob }) => {
    try {
      parentPort!.postMessage({ id: m.id, states: runShellJob(m.job) });
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
