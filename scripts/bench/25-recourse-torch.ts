import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataset } from '../../src/data';
import { featureLayout } from '../../src/data/layout';
import { selectFactuals, summarizeRecourse } from '../../src/metrics';
import { fitModel } from '../../src/models';
import { takeRows } from '../../src/util/matrix';
import { CCHVAE_DEFAULTS, fitVae, getRecourseMethod, GSM_DEFAULTS, SCFE_DEFAULTS } from '../../src/recourse';
import { samplerThreads } from '../../src/recourse/shell-threads';
import type { BenchRow } from '../bench';
import { findTorchPython, parseLastJson } from './workload-run';

const EPS = (process.env.BENCH_RECOURSE_EPS ?? '0,0.1').split(',').map(Number);
const N = Number(process.env.BENCH_RECOURSE_FACTUALS ?? 200);
const METHODS = (process.env.BENCH_RECOURSE_METHODS ?? 'scfe,gsm,cchvae').split(',').map((s) => s.trim());
const THREADS = Number(process.env.BENCH_RECOURSE_THREADS ?? 1);
/** Methods whose search samples on the sampler threads (RECOURSE_THREADS). */
const SAMPLED = new Set(['gsm', 'cchvae']);

/** Runs fn with RECOURSE_THREADS = n, restoring the variable afterwards. */
async function withThreads<T>(n: number, fn: () => Promise<T>): Promise<T> {
  const before = process.env.RECOURSE_THREADS;
  process.env.RECOURSE_THREADS = String(n);
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.RECOURSE_THREADS;
    else process.env.RECOURSE_THREADS = before;
  }
}

export const title = `Recourse search, TypeScript vs CARLA-style PyTorch (scripts/bench/pytorch/recourse.py): ${METHODS.join(', ')} on the adult MLP ` +
  `at ε = ${EPS.join(', ')}, ${N} factuals, the same net, factuals and options on both sides`;

/** One row of recourse.py's report. */
interface TorchRow {
  eps: number;
  method: string;
  variant: string;
  seconds: number;
  cpuSeconds: number;
  n: number;
  validity: number;
  meanCostValid: number | null;
  meanIterations: number | null;
}

interface TorchReport {
  torch: string;
  threads: number;
  rows: TorchRow[];
  vaeTrain?: { seconds: number; cpuSeconds: number; epochs: number; finalLoss: number };
  cpuSeconds: number;
  peakRssMB: number;
}

/** Filled by run(): the problem's sizes and both sides' full reports (bench.ts writes them to the run's JSON). */
export let details: unknown = null;

/**
 * Times each method's batched call on the TypeScript side (models and the C-CHVAE autoencoder trained or
 * loaded first, so only the search is timed, as CARLA's avg-time metric does), then hands the identical
 * net weights, factuals, feature layout, resolved default options and autoencoder to recourse.py, which
 * runs each method one factual at a time (CARLA's loop) and batched. The PyTorch side is skipped with one
 * message when no Python with torch is found.
 */
export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const layout = featureLayout(ds.train.x.cols, ds.spec);
  const reference = fitModel(ds, { kind: 'mlp', eps: 0 }).net;
  const vaeCpu0 = process.cpuUsage();
  const vae = METHODS.includes('cchvae') ? fitVae(ds.train, layout, ds.spec.name) : null;
  const vaeCpu = process.cpuUsage(vaeCpu0);
  const f = selectFactuals(ds.test, reference, { policy: 'reference', reference, n: N });
  const ctx = { spec: ds.spec, train: ds.train };
  const nets = EPS.map((eps) => ({ eps, net: eps === 0 ? reference : fitModel(ds, { kind: 'mlp', eps }).net }));
  // one untimed call per method on 24 factuals first (several sampling jobs, so the sampler threads start too),
  // so no timing includes the backend's or the threads' first-use setup
  const warm = takeRows(f.x, [...Array(Math.min(24, f.x.rows)).keys()]);
  for (const method of METHODS) await getRecourseMethod(method).generate(reference, warm, vae && method === 'cchvae' ? { autoencoder: vae.vae } : {}, ctx);
  const threads = samplerThreads();
  const ts: (TorchRow & { threads: number })[] = [];
  for (const { eps, net } of nets) {
    for (const method of METHODS) {
      // the sampling methods run on every sampler thread, and again on one thread (the per-core comparison)
      for (const t of SAMPLED.has(method) && threads > 1 ? [threads, 1] : [1]) {
        const cpu0 = process.cpuUsage();
        const r = await withThreads(t, () => getRecourseMethod(method).generate(net, f.x, vae && method === 'cchvae' ? { autoencoder: vae.vae } : {}, ctx));
        const cpu = process.cpuUsage(cpu0);
        const s = summarizeRecourse(net, f.x, r);
        ts.push({
          eps, method, variant: 'batched', threads: t, seconds: r.totalSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, n: s.n, validity: s.validity,
          meanCostValid: s.meanCostValid, meanIterations: r.iterations.reduce((a, b) => a + b, 0) / s.n,
        });
      }
    }
  }

  const torch = findTorchPython();
  let report: TorchReport | null = null;
  if (!torch.python) console.log(`PyTorch side skipped: ${torch.why}`);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'bench-recourse-'));
    try {
      const trainFile = join(dir, 'train.f32');
      const x = ds.train.x;
      writeFileSync(trainFile, Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength));
      const problem = {
        layout: { d: layout.d, continuous: layout.continuous, binary: layout.binary, groups: layout.groups, immutable: layout.immutable },
        models: nets.map(({ eps, net }) => ({ eps, layers: net.weights() })),
        factuals: { rows: f.x.rows, cols: f.x.cols, data: Array.from(f.x.data) },
        options: { scfe: SCFE_DEFAULTS, gsm: GSM_DEFAULTS, cchvae: { ...CCHVAE_DEFAULTS, autoencoder: null } },
        vae: vae && { options: vae.options, weights: vae.vae.weights() },
        train: { file: trainFile, rows: x.rows, cols: x.cols },
      };
      const file = join(dir, 'problem.json');
      writeFileSync(file, JSON.stringify(problem));
      const r = spawnSync(torch.python, ['scripts/bench/pytorch/recourse.py', '--problem', file, '--threads', String(THREADS), '--methods', METHODS.join(',')],
        { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(`recourse.py failed (exit ${r.status}): ${r.stderr.slice(-800)}`);
      report = parseLastJson<TorchReport>(r.stdout, 'recourse.py');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows: BenchRow[] = [];
  const num = (c: number | null) => (c !== null && Number.isFinite(c) ? c : 'n/a');
  for (const t of ts) {
    if (t.threads === 1 && ts.some((u) => u !== t && u.eps === t.eps && u.method === t.method)) continue; // shown as a column of the rows below
    const alone = ts.find((u) => u.eps === t.eps && u.method === t.method && u.threads === 1) ?? t;
    const tsSide = (u: typeof t) => `TypeScript batched, ${u.threads} thread${u.threads > 1 ? 's' : ''}`;
    for (const p of [t, ...(alone !== t ? [alone] : []), ...(report?.rows.filter((p) => p.eps === t.eps && p.method === t.method) ?? [])]) {
      rows.push({
        method: t.method, 'model ε': t.eps, side: 'threads' in p ? tsSide(p as typeof t) : `PyTorch ${p.variant}`, 'wall s': p.seconds, 'CPU s': p.cpuSeconds,
        'wall s/factual': p.seconds / p.n, 'TS/this wall': t.seconds / p.seconds, 'TS/this CPU': t.cpuSeconds / p.cpuSeconds,
        'TS 1 thread/this wall': alone.seconds / p.seconds,
        validity: p.validity, 'mean ℓ2 (valid)': num(p.meanCostValid), 'iterations/factual': num(p.meanIterations),
      });
    }
  }
  if (vae) {
    // the toolkit's VAE comes from the cache when an earlier run trained it; its file keeps that run's seconds
    const base = { method: `VAE training, ${vae.options.epochs} ep`, 'model ε': '' };
    const cpu = vae.fromCache ? NaN : (vaeCpu.user + vaeCpu.system) / 1e6;
    rows.push({ ...base, side: vae.fromCache ? 'TypeScript (cached)' : 'TypeScript', 'wall s': vae.trainSeconds, 'CPU s': num(cpu) });
    const p = report?.vaeTrain;
    if (p) {
      rows.push({ ...base, side: 'PyTorch', 'wall s': p.seconds, 'CPU s': p.cpuSeconds, 'wall s/factual': '', 'TS/this wall': vae.trainSeconds / p.seconds, 'TS/this CPU': num(cpu / p.cpuSeconds) });
    }
  }
  details = { factuals: f.x.rows, samplerThreads: threads, eps: EPS, methods: METHODS, cpus: cpus().length, loadavg: loadavg(), torch: torch.why, typescript: ts, pytorch: report };
  const side = torch.python ? `PyTorch: ${torch.why}, ${THREADS} thread(s); ` : '';
  console.log(`TypeScript: GSM and C-CHVAE sample on ${threads} thread(s) (RECOURSE_THREADS), SCFE on one; ${side}load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  for (const { net } of nets) net.dispose();
  vae?.vae.dispose();
  return rows;
}
