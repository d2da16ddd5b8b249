import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RecourseError } from '../../util/errors';
import { warn } from '../../util/log';
import { envText } from '../../util/parse';
import { projectRoot } from '../../util/paths';
import { matrix, type Matrix } from '../../util/matrix';
import type { Rng } from '../../util/rng';
import { prepareDecoding, runShellJob, type ShellJob } from './shell-job';
import type { SampleDecoder } from './sample-decoder';
import * as tf from '@tensorflow/tfjs';

/** Most sampler threads used when RECOURSE_THREADS is not set. */
const AUTO_MAX_THREADS = 4;

/**
 * How many threads sample shells (Growing Spheres): RECOURSE_THREADS when set; else 1 inside a
 * `recourse reproduce --jobs N` job, whose sibling jobs already use the other cores; else the machine's
 * cores, at most 4. The count never changes a result (see runShellJob), only the wall time.
 */
export function samplerThreads(): number {
  const text = envText('RECOURSE_THREADS');
  if (text !== undefined) {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 256) {
      throw new RecourseError(`RECOURSE_THREADS=${text} is not a thread count: give a whole number from 1 to 256, or unset it to use the machine's cores`);
    }
    return n;
  }
  if (envText('RECOURSE_JOB')) return 1;
  return Math.max(1, Math.min(AUTO_MAX_THREADS, availableParallelism()));
}

/**
 * Runs fn with RECOURSE_THREADS set to `threads` (unset for undefined) and restores the variable afterwards: how
 * the benchmarks and tests compare thread counts in one process.
 */
export async function withSamplerThreads<T>(threads: number | string | undefined, fn: () => Promise<T> | T): Promise<T> {
  const before = process.env.RECOURSE_THREADS;
  if (threads === undefined) delete process.env.RECOURSE_THREADS;
  else process.env.RECOURSE_THREADS = String(threads);
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.RECOURSE_THREADS;
    else process.env.RECOURSE_THREADS = before;
  }
}

/** A Float32Array of n zeros that worker threads can write into (shared memory when more than one thread samples). */
export function sampleBuffer(n: number, threads: number): Float32Array {
  return threads > 1 ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
}

// The worker loads shell-job.ts through tsx's API, so it runs the same TypeScript under tsx, tslab and node --test.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => api.tsImport(workerData.module, workerData.module)).then((m) => m.serveShellJobs());
`;

interface Pending {
  resolve: (states: Int32Array) => void;
  reject: (e: Error) => void;
}

/** Worker threads kept for the life of the process, idle ones not holding it open. */
class ShellWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Per worker and backend: true once that backend runs there (decoding jobs wait for it), its start, or why it failed. */
  private readonly backends = new Map<Worker, Map<string, Promise<void> | true | Error>>();
  private nextId = 0;
  broken: string | null = null;

  /** The first n workers, started on first use. */
  take(n: number): Worker[] {
    while (this.workers.length < n && !this.broken) this.workers.push(this.start());
    return this.workers.slice(0, n);
  }

  run(w: Worker, job: ShellJob): Promise<Int32Array> {
    return this.post(w, { job });
  }

  /**
   * Whether `backend` already runs on worker w; if not, starts it there (once) and says false, so a caller
   * never waits for a backend to load (about a second) while it could work itself.
   */
  hasBackend(w: Worker, backend: string): boolean {
    const forWorker = this.backends.get(w) ?? new Map<string, Promise<void> | true | Error>();
    this.backends.set(w, forWorker);
    const state = forWorker.get(backend);
    if (state === true) return true;
    if (!state) {
      forWorker.set(
        backend,
        this.post(w, { backend }).then(
          () => void forWorker.set(backend, true),
          (e: Error) => {
            // once per thread and backend: its jobs stay on this thread (same results, slower)
            warn(`a sampler thread could not start the ${backend} backend (${e.message}); C-CHVAE decodes on this thread instead`);
            forWorker.set(backend, e);
          },
        ),
      );
    }
    return false;
  }

  /** Resolves when `backend` runs on worker w; rejects with the reason when it cannot start there. */
  async backendOn(w: Worker, backend: string): Promise<void> {
    if (!this.hasBackend(w, backend)) await this.backends.get(w)!.get(backend);
    const state = this.backends.get(w)!.get(backend);
    if (state !== true) throw new Error(`the ${backend} backend did not start on a sampler thread${state instanceof Error ? `: ${state.message}` : ''}`);
  }

  private post(w: Worker, body: { job: ShellJob } | { backend: string }): Promise<Int32Array> {
    const id = this.nextId++;
    return new Promise<Int32Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, ...body });
    });
  }

  private start(): Worker {
    const root = projectRoot();
    const workerData = {
      tsxApi: pathToFileURL(tsxEsmApi(root)).href,
      module: pathToFileURL(join(root, 'src', 'engine', 'shells', 'shell-job.ts')).href,
    };
    const w = new Worker(BOOT, { eval: true, workerData });
    w.unref();
    w.on('message', (m: { id: number; states?: Int32Array; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!this.pending.size) this.workers.forEach((x) => x.unref());
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.states!);
    });
    const fail = (why: string) => {
      this.broken ??= why;
      this.workers.splice(0).forEach((x) => void x.terminate());
      for (const p of this.pending.values()) p.reject(new Error(why));
      this.pending.clear();
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`a sampler thread exited (code ${code})`));
    return w;
  }
}

const pool = new ShellWorkers();

/** The file of tsx's ESM API (`tsx/esm/api` under the import condition; require.resolve would give its CommonJS twin). */
function tsxEsmApi(root: string): string {
  const pkgFile = createRequire(join(root, 'package.json')).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(pkgFile), pkg.exports['./esm/api'].import.default);
}

/**
 * Runs shell jobs on the sampler threads and hands each result to `use` in job order: worker threads take jobs
 * from the front (two queued each), and while the job `use` needs next is still with a worker, this thread samples
 * jobs from the back, so sampling and prediction (inside `use`) overlap on all threads. `use(c, states)` gets job
 * c's rows' generator positions after their samples. Each job's numbers equal a one-thread run; a sampler thread
 * that fails is reported once and its jobs rerun here. Returns how many jobs worker threads sampled.
 */
export async function forEachSampled(
  jobs: readonly ShellJob[],
  use: (c: number, states: Int32Array) => void,
  threads = samplerThreads(),
): Promise<{ workerJobs: number }> {
  if (jobs.some((j) => j.decoder)) await prepareDecoding();
  const shared = jobs.every((j) => j.out.buffer instanceof SharedArrayBuffer && (!j.decoder || j.decoder.out.buffer instanceof SharedArrayBuffer));
  const decoderBackend = jobs[0]?.decoder?.backend;
  const workers = (threads > 1 && shared && jobs.length > 1 && !pool.broken ? pool.take(Math.min(threads - 1, jobs.length - 1)) : []).filter(
    (w) => !decoderBackend || pool.hasBackend(w, decoderBackend),
  );
  const ready: (Int32Array | undefined)[] = [];
  const pending: Promise<void>[] = [];
  let front = 0;
  let back = jobs.length;
  let workerJobs = 0;
  const give = (w: Worker) => {
    if (front >= back) return;
    const c = front++;
    pending[c] = pool.run(w, jobs[c]).then(
      (states) => {
        ready[c] = states;
        workerJobs++;
        give(w);
      },
      (e: Error) => {
        warn(`a shell-sampling thread failed (${e.message}); sampling on this thread instead (same results, slower)`);
        ready[c] = runShellJob(jobs[c]);
      },
    );
  };
  for (const w of workers) {
    give(w);
    give(w);
  }
  for (let c = 0; c < jobs.length; c++) {
    if (c >= front && c < back) back = c; // nobody has job c yet: it is this thread's, as are all after it
    if (c >= back) ready[c] ??= runShellJob(jobs[c]);
    while (!ready[c] && front < back) {
      back--;
      ready[back] = runShellJob(jobs[back]);
      await new Promise((r) => setImmediate(r)); // let finished workers report and take new jobs
    }
    if (!ready[c]) await pending[c];
    use(c, ready[c]!);
    ready[c] = undefined;
  }
  return { workerJobs };
}

/**
 * Samples per job: a few factuals' shells, small so that sampling the next jobs overlaps predicting this one.
 * Jobs that also decode do several times the work per sample, so they take a quarter as many.
 */
const JOB_SAMPLES = 1 << 14;
const DECODED_JOB_SAMPLES = 1 << 12;

/**
 * Starts the sampler threads (RECOURSE_THREADS − 1 workers) with `backend` running on them, and resolves when
 * they are ready. Optional: searches start threads themselves, working on this thread until they are ready.
 * Call it to take the start-up (about a second per thread for a tfjs backend) out of a timed run.
 */
export async function startSamplerThreads(backend: string | null = tf.getBackend(), threads = samplerThreads()): Promise<number> {
  const workers = threads > 1 && !pool.broken ? pool.take(threads - 1) : [];
  if (backend) await Promise.all(workers.map((w) => pool.backendOn(w, backend)));
  return workers.length;
}
/** Jobs per pass over a search's rows: bounds the sample buffer (≈ 27 MB for 13 columns). */
const JOBS_PER_PASS = 32;

/**
 * A search's sampler: `samples` per factual row, each `width` wide, `rowsPerJob` rows per job, one buffer `out`
 * for a pass, and the decoder its jobs apply to their samples (its `out` holds a pass's decoded rows), if any.
 */
export interface ShellSampler {
  readonly samples: number;
  readonly width: number;
  readonly rowsPerJob: number;
  readonly threads: number;
  readonly out: Float32Array;
  readonly decoder: SampleDecoder | null;
}

/**
 * The sampler for a search over `rows` factual rows (the buffer holds one pass, or all rows if fewer); with
 * `decoder` (layers only), jobs also decode their samples, on whichever thread sampled them.
 */
export function shellSampler(samples: number, width: number, rows: number, decoder?: Omit<SampleDecoder, 'out' | 'backend'>): ShellSampler {
  const rowsPerJob = Math.max(1, Math.floor((decoder ? DECODED_JOB_SAMPLES : JOB_SAMPLES) / samples));
  const threads = samplerThreads();
  const passRows = Math.min(rows, rowsPerJob * JOBS_PER_PASS) * samples;
  const withOut = (d: Omit<SampleDecoder, 'out' | 'backend'>): SampleDecoder => ({
    ...d,
    backend: tf.getBackend(),
    out: sampleBuffer(passRows * d.layout.d, threads),
  });
  return { samples, width, rowsPerJob, threads, out: sampleBuffer(passRows * width, threads), decoder: decoder ? withOut(decoder) : null };
}

/** A finished job as its rows see it: which factual rows it sampled, and their samples (and decoded candidates), row by row. */
export interface SampledJob {
  /** The job's factual rows, in order. */
  readonly rows: readonly number[];
  /** Samples per row: row r of the job owns sample rows r·perRow … (r + 1)·perRow − 1 of `samples` and `decoded`. */
  readonly perRow: number;
  /** The job's samples (`width` wide). */
  readonly samples: Matrix;
  /** Its decoded candidates, one per sample (a decoder's jobs only). */
  readonly decoded: Matrix | null;
}

/** What a job needs besides its rows' generator positions and where it writes (ShellJob without those). */
export type ShellJobSpec = Omit<ShellJob, 'states' | 'count' | 'width' | 'out' | 'firstRow' | 'decoder'>;

/**
 * One shell per listed row, in passes of jobs over the sampler threads: `spec(chunk)` gives a job's centers,
 * shells and projection; after the job, its rows' generators (`rngs`, indexed by row) continue where its samples
 * ended and `use` receives the job's samples (and decoded candidates) as its rows' own (SampledJob).
 */
export async function sampleShells(
  sampler: ShellSampler,
  rows: readonly number[],
  rngs: readonly Rng[],
  spec: (chunk: number[]) => ShellJobSpec,
  use: (job: SampledJob) => void,
): Promise<void> {
  const { samples, width, rowsPerJob: per, out, decoder } = sampler;
  for (let p = 0; p < rows.length; p += per * JOBS_PER_PASS) {
    const pass = rows.slice(p, p + per * JOBS_PER_PASS);
    const chunks = Array.from({ length: Math.ceil(pass.length / per) }, (_, c) => pass.slice(c * per, (c + 1) * per));
    const jobs = chunks.map((chunk, c): ShellJob => ({
      ...spec(chunk),
      states: Int32Array.from(chunk, (i) => rngs[i].getState()),
      count: samples,
      width,
      out,
      firstRow: c * per * samples,
      decoder,
    }));
    await forEachSampled(
      jobs,
      (c, states) => {
        chunks[c].forEach((i, r) => rngs[i].setState(states[r]));
        const [first, n] = [jobs[c].firstRow, chunks[c].length * samples];
        const view = (buf: Float32Array, cols: number) => matrix(n, cols, buf.subarray(first * cols, (first + n) * cols));
        use({ rows: chunks[c], perRow: samples, samples: view(out, width), decoded: decoder && view(decoder.out, decoder.layout.d) });
      },
      sampler.threads,
    );
  }
}
