import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { nativeBackendInstalled } from '../../src/backend';
import type { BenchRow } from '../bench';
import { benchLong, benchProgress } from './progress';
import { findTorchPython, runPyTorch, runTypeScript, type SideReport, type Workload } from './workload-run';

export const title =
  "The paper's core workload, TypeScript vs PyTorch: LR, eq. 16 LR and MLP × 8 ε, Adam 1e-3, batch 256, PGD-7 training, PGD-20 evaluation, SCFE";

/** Epochs per dataset (≈ 4000 optimiser steps each); BENCH_EPOCH_SCALE shrinks them for a quick run. */
const EPOCHS: Record<string, number> = { adult: 30, compas: 200 };

function workloads(): Workload[] {
  const names = (process.env.BENCH_DATASETS ?? (benchLong() ? 'compas,adult' : 'compas'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const scale = Number(process.env.BENCH_EPOCH_SCALE ?? 1);
  return names.map((dataset) => ({
    dataset,
    epochs: Math.max(1, Math.round((EPOCHS[dataset] ?? 30) * scale)),
    learningRate: 0.001,
    scfeFactuals: Number(process.env.BENCH_SCFE ?? 200),
    models: 'lr,lr-closed,mlp',
  }));
}

/** Mean of the finite values (NaN when there are none, e.g. SCFE skipped because nothing needed recourse). */
const mean = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
};

/** The rows of one dataset's side-by-side table (with a column for the native backend when it ran). */
function tableRows(w: Workload, ts: SideReport, native: SideReport | null, torch: Record<number, SideReport>): BenchRow[] {
  const threads = Object.keys(torch).map(Number);
  const stages: [string, (r: SideReport) => number][] = [
    ['train s', (r) => r.seconds.train],
    ['eval s', (r) => r.seconds.eval],
    ['SCFE s', (r) => r.seconds.scfe],
    ['total s (wall)', (r) => r.seconds.total],
    ['process CPU s', (r) => r.cpuSeconds],
    ['peak RSS MB', (r) => r.peakRssMB],
    ['mean test accuracy', (r) => mean(r.rows.map((x) => x.accuracy))],
    ['mean SCFE validity', (r) => mean(r.rows.map((x) => x.scfeValidity))],
  ];
  return stages.map(([stage, get]) => {
    const row: BenchRow = { dataset: `${w.dataset} (${w.epochs} ep)`, stage, 'TypeScript (wasm)': get(ts) };
    if (native) row['TypeScript (tfjs-node)'] = get(native);
    for (const t of threads) row[`PyTorch ${t} thr`] = get(torch[t]);
    if (threads.length) row['TS / PyTorch 1 thr'] = stage.endsWith(' s') || stage.endsWith('(wall)') ? get(ts) / get(torch[threads[0]]) : '';
    return row;
  });
}

/**
 * Runs the workload on both sides, one process after another (the TypeScript side on the wasm backend, and again on
 * tfjs-node when it is installed); `details` then holds both sides' full reports
 * (bench.ts writes them to the run's JSON). The PyTorch column is skipped, with one line saying why, when no
 * Python with torch is found. Timings on a busy machine are noisy: the load average is recorded.
 */
export let details: unknown = null;

export async function run(): Promise<BenchRow[]> {
  const dataDir = resolve(process.env.RECOURSE_DATA_DIR ?? join('data', 'cache', 'datasets'));
  // the 2-thread PyTorch column (about 90 s on COMPAS) only under BENCH_LONG=1: the ratio that counts is against 1 thread
  const threads = (process.env.BENCH_TORCH_THREADS ?? (benchLong() ? '1,2' : '1'))
    .split(',')
    .map(Number)
    .filter((t) => t > 0);
  const torch = findTorchPython();
  if (!torch.python) console.log(`PyTorch column skipped: ${torch.why}`);
  const native = nativeBackendInstalled();
  if (!native) {
    console.log(
      'tfjs-node column skipped: @tensorflow/tfjs-node is not installed (npm install @tensorflow/tfjs-node, on a machine that can download its binary)',
    );
  }
  const started = new Date();
  const load0 = loadavg();
  const results: Record<string, { workload: Workload; typescript: SideReport; native: SideReport | null; pytorch: Record<number, SideReport> }> = {};
  const rows: BenchRow[] = [];
  for (const w of workloads()) {
    benchProgress(`workload: ${w.dataset}, TypeScript side`);
    const typescript = runTypeScript(w, { RECOURSE_BACKEND: 'wasm' });
    const nativeSide = native ? runTypeScript(w, { RECOURSE_BACKEND: 'tensorflow' }) : null;
    const pytorch: Record<number, SideReport> = {};
    for (const t of torch.python ? threads : []) {
      benchProgress(`workload: ${w.dataset}, PyTorch side, ${t} thread(s)`);
      pytorch[t] = runPyTorch(torch.python!, w, t, dataDir);
    }
    results[w.dataset] = { workload: w, typescript, native: nativeSide, pytorch };
    rows.push(...tableRows(w, typescript, nativeSide, pytorch));
  }
  details = { started: started.toISOString(), cpus: cpus().length, loadavgBefore: load0, loadavgAfter: loadavg(), torch: torch.why, results };
  console.log(
    `load average before ${load0.map((l) => l.toFixed(1)).join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  return rows;
}
