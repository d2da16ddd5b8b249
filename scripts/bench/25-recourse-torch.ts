import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataset } from '../../src/data';
import { featureLayout } from '../../src/data/layout';
import { recourseCosts, selectFactuals, summarizeRecourse } from '../../src/metrics';
import { fitModel } from '../../src/models';
import { takeRows } from '../../src/util/matrix';
import {
  CCHVAE_DEFAULTS,
  fitVae,
  getRecourseMethod,
  GSM_DEFAULTS,
  limeSurrogates,
  ROAR_DEFAULTS,
  SCFE_DEFAULTS,
  type RecourseContext,
  type TrainedVae,
} from '../../src/recourse';
import { gradientSearch } from '../../src/recourse/gradient-search';
import { roarSearchSpec } from '../../src/recourse/roar';
import { logitsOf } from '../../src/models/predict';
import type { Vae } from '../../src/recourse/cchvae/vae';
import type { Net } from '../../src/models';
import type { Dataset } from '../../src/data/types';
import type { FeatureLayout } from '../../src/data/layout';
import type { Matrix } from '../../src/util/matrix';
import { samplerThreads, startSamplerThreads, withSamplerThreads } from '../../src/engine/index';
import type { BenchRow } from '../bench';
import { benchLong, benchProgress } from './progress';
import { findTorchPython, parseLastJson } from './workload-run';

const EPS = (process.env.BENCH_RECOURSE_EPS ?? '0,0.1').split(',').map(Number);
const N = Number(process.env.BENCH_RECOURSE_FACTUALS ?? 200);
const METHODS = (process.env.BENCH_RECOURSE_METHODS ?? 'scfe,gsm,cchvae,roar').split(',').map((s) => s.trim());
const THREADS = Number(process.env.BENCH_RECOURSE_THREADS ?? 1);
const REPS = Number(process.env.BENCH_RECOURSE_REPS ?? (benchLong() ? 2 : 1));
/** Methods whose search samples on the sampler threads (RECOURSE_THREADS). */
const SAMPLED = new Set(['gsm', 'cchvae']);

export const title =
  `Recourse search, TypeScript vs CARLA-style PyTorch (scripts/bench/pytorch/recourse.py): ${METHODS.join(', ')} on the adult MLP ` +
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

/** One TypeScript timing of a method on a model. */
type TsRow = TorchRow & { threads: number };

/** ROAR's per-factual linear surrogates of a net (LIME, fitted once, outside the timing: both sides search against the same ones). */
type Surrogates = { W: Float32Array; b: Float32Array };

/** ROAR's robust search against given surrogates, as the TypeScript side times it (the LIME fits are the same work on both sides and left out). */
function roarSearch(net: Net, x: Matrix, layout: FeatureLayout, sur: Surrogates): TsRow {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = gradientSearch(roarSearchSpec(x, layout, ROAR_DEFAULTS, sur));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const z = logitsOf(net, run.points);
  const l2 = recourseCosts(x, run.points).l2;
  const costs = [...z].flatMap((v, i) => (v > 0 ? [l2[i]] : []));
  return {
    eps: NaN,
    method: 'roar',
    variant: 'batched',
    threads: 1,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    n: x.rows,
    validity: costs.length / x.rows,
    meanCostValid: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : null,
    meanIterations: run.iterations.reduce((a, b) => a + b, 0) / x.rows,
  };
}

/** The batched calls of every method on every model, with the sampling methods on every sampler thread and on one. */
async function timeTypeScript(
  nets: { eps: number; net: Net; surrogates: Surrogates | null }[],
  x: Matrix,
  vae: Vae | null,
  ctx: RecourseContext,
  threads: number,
  layout: FeatureLayout,
): Promise<TsRow[]> {
  const ts: TsRow[] = [];
  for (const { eps, net, surrogates } of nets) {
    for (const method of METHODS) {
      if (method === 'roar') {
        ts.push({ ...roarSearch(net, x, layout, surrogates!), eps });
        continue;
      }
      for (const t of SAMPLED.has(method) && threads > 1 ? [threads, 1] : [1]) {
        const cpu0 = process.cpuUsage();
        const r = await withSamplerThreads(t, () => getRecourseMethod(method).generate(net, x, vae && method === 'cchvae' ? { autoencoder: vae } : {}, ctx));
        const cpu = process.cpuUsage(cpu0);
        const s = summarizeRecourse(net, x, r);
        ts.push({
          eps,
          method,
          variant: 'batched',
          threads: t,
          seconds: r.totalSeconds,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          n: s.n,
          validity: s.validity,
          meanCostValid: s.meanCostValid,
          meanIterations: r.iterations.reduce((a, b) => a + b, 0) / s.n,
        });
      }
    }
  }
  return ts;
}

/** recourse.py's report on the same problem (nets, factuals, layout, options, autoencoder, training rows). */
function timePyTorch(
  python: string,
  nets: { eps: number; net: Net; surrogates: Surrogates | null }[],
  x: Matrix,
  layout: FeatureLayout,
  vae: TrainedVae | null,
  train: Matrix,
): TorchReport {
  const dir = mkdtempSync(join(tmpdir(), 'bench-recourse-'));
  try {
    const trainFile = join(dir, 'train.f32');
    writeFileSync(trainFile, Buffer.from(train.data.buffer, train.data.byteOffset, train.data.byteLength));
    const problem = {
      layout: { d: layout.d, continuous: layout.continuous, binary: layout.binary, groups: layout.groups, immutable: layout.immutable },
      models: nets.map(({ eps, net, surrogates }) => ({
        eps,
        layers: net.weights(),
        surrogates: surrogates && { W: Array.from(surrogates.W), b: Array.from(surrogates.b) },
      })),
      factuals: { rows: x.rows, cols: x.cols, data: Array.from(x.data) },
      options: { scfe: SCFE_DEFAULTS, gsm: GSM_DEFAULTS, cchvae: { ...CCHVAE_DEFAULTS, autoencoder: null }, roar: ROAR_DEFAULTS },
      vae: vae && { options: vae.options, weights: vae.vae.weights() },
      train: { file: trainFile, rows: train.rows, cols: train.cols },
    };
    const file = join(dir, 'problem.json');
    writeFileSync(file, JSON.stringify(problem));
    const r = spawnSync(
      python,
      [
        'scripts/bench/pytorch/recourse.py',
        '--problem',
        file,
        '--threads',
        String(THREADS),
        '--methods',
        METHODS.join(','),
        // ROAR's one-factual PyTorch loop takes over a minute at ε = 0.1: only under BENCH_LONG=1
        '--roar-variants',
        benchLong() ? 'loop,batched' : 'batched',
      ],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    if (r.status !== 0) throw new Error(`recourse.py failed (exit ${r.status}): ${r.stderr.slice(-800)}`);
    return parseLastJson<TorchReport>(r.stdout, 'recourse.py');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per key, the run with the least wall time (the least disturbed by whatever else the machine did). */
function fastest<T extends { seconds: number }>(runs: T[][], key: (t: T) => string): T[] {
  const best = new Map<string, T>();
  for (const t of runs.flat()) {
    const b = best.get(key(t));
    if (!b || t.seconds < b.seconds) best.set(key(t), t);
  }
  return [...best.values()];
}

/** Seconds (wall and CPU) of training the autoencoder from scratch (not from the cache). */
function timeVaeTraining(ds: Dataset, layout: FeatureLayout): { seconds: number; cpuSeconds: number } {
  const cpu0 = process.cpuUsage();
  const t = fitVae(ds.train, layout, ds.spec.name, {}, { cache: false });
  const cpu = process.cpuUsage(cpu0);
  t.vae.dispose();
  return { seconds: t.trainSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Times each method's batched call on the TypeScript side (models and the C-CHVAE autoencoder trained or
 * loaded first, so only the search is timed, as CARLA's avg-time metric does), then hands the identical
 * net weights, factuals, feature layout, resolved default options and autoencoder to recourse.py, which
 * runs each method one factual at a time (CARLA's loop) and batched. The two sides alternate
 * BENCH_RECOURSE_REPS times (1; 2 under BENCH_LONG=1) and each row keeps its fastest run. The PyTorch side is skipped with one
 * message when no Python with torch is found.
 */
export async function run(): Promise<BenchRow[]> {
  const ds = await getDataset('adult');
  const layout = featureLayout(ds.train.x.cols, ds.spec);
  const reference = fitModel(ds, { kind: 'mlp', eps: 0 }).net;
  const vae = METHODS.includes('cchvae') ? fitVae(ds.train, layout, ds.spec.name) : null;
  const f = selectFactuals(ds.test, reference, { policy: 'reference', reference, n: N });
  const ctx = { spec: ds.spec, train: ds.train };
  const lime = (net: Net): Surrogates => {
    const o = ROAR_DEFAULTS;
    const sur = limeSurrogates(net, f.x, [...Array(f.x.rows).keys()], ds.train, {
      samples: o.limeSamples,
      kernelWidth: o.limeKernelWidth,
      ridge: o.limeRidge,
      seed: o.seed,
    });
    return { W: Float32Array.from(sur.W), b: Float32Array.from(sur.b) };
  };
  const nets = EPS.map((eps) => {
    const net = eps === 0 ? reference : fitModel(ds, { kind: 'mlp', eps }).net;
    return { eps, net, surrogates: METHODS.includes('roar') ? lime(net) : null };
  });
  // one untimed call per method on 24 factuals first (several sampling jobs, so the sampler threads start too),
  // so no timing includes the backend's or the threads' first-use setup
  const warm = takeRows(f.x, [...Array(Math.min(24, f.x.rows)).keys()]);
  for (const method of METHODS.filter((m) => m !== 'roar'))
    await getRecourseMethod(method).generate(reference, warm, vae && method === 'cchvae' ? { autoencoder: vae.vae } : {}, ctx);
  const withSurrogates = nets.find((n) => n.surrogates);
  if (withSurrogates) roarSearch(withSurrogates.net, f.x, layout, withSurrogates.surrogates!);
  // C-CHVAE's jobs decode on the worker threads once tfjs runs there (they start it on first use, in the background)
  await startSamplerThreads();
  const threads = samplerThreads();
  const torch = findTorchPython();
  if (!torch.python) console.log(`PyTorch side skipped: ${torch.why}`);
  const tsRuns: TsRow[][] = [];
  const torchRuns: TorchReport[] = [];
  const vaeRuns: { seconds: number; cpuSeconds: number }[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    benchProgress(`recourse vs PyTorch: run ${rep + 1}/${REPS}, TypeScript side`);
    tsRuns.push(await timeTypeScript(nets, f.x, vae?.vae ?? null, ctx, threads, layout));
    if (vae) vaeRuns.push(timeVaeTraining(ds, layout));
    if (torch.python) benchProgress(`recourse vs PyTorch: run ${rep + 1}/${REPS}, PyTorch side`);
    if (torch.python) torchRuns.push(timePyTorch(torch.python, nets, f.x, layout, vae, ds.train.x));
  }
  const ts = fastest(tsRuns, (t) => `${t.eps}/${t.method}/${t.threads}`);
  const report: TorchReport | null = torchRuns.length
    ? {
        ...torchRuns[0],
        rows: fastest(
          torchRuns.map((r) => r.rows),
          (p) => `${p.eps}/${p.method}/${p.variant}`,
        ),
        vaeTrain:
          torchRuns[0].vaeTrain &&
          fastest(
            torchRuns.map((r) => (r.vaeTrain ? [r.vaeTrain] : [])),
            () => 'vae',
          )[0],
      }
    : null;
  const vaeTime = vaeRuns.length ? fastest([vaeRuns], () => 'vae')[0] : null;

  const rows: BenchRow[] = [];
  const num = (c: number | null) => (c !== null && Number.isFinite(c) ? c : 'n/a');
  for (const t of ts) {
    if (t.threads === 1 && ts.some((u) => u !== t && u.eps === t.eps && u.method === t.method)) continue; // shown as a column of the rows below
    const alone = ts.find((u) => u.eps === t.eps && u.method === t.method && u.threads === 1) ?? t;
    const tsSide = (u: typeof t) => `TypeScript batched, ${u.threads} thread${u.threads > 1 ? 's' : ''}`;
    for (const p of [t, ...(alone !== t ? [alone] : []), ...(report?.rows.filter((p) => p.eps === t.eps && p.method === t.method) ?? [])]) {
      rows.push({
        method: t.method,
        'model ε': t.eps,
        side: 'threads' in p ? tsSide(p as typeof t) : `PyTorch ${p.variant}`,
        'wall s': p.seconds,
        'CPU s': p.cpuSeconds,
        'wall s/factual': p.seconds / p.n,
        'TS/this wall': t.seconds / p.seconds,
        'TS/this CPU': t.cpuSeconds / p.cpuSeconds,
        'TS 1 thread/this wall': alone.seconds / p.seconds,
        validity: p.validity,
        'mean ℓ2 (valid)': num(p.meanCostValid),
        'iterations/factual': num(p.meanIterations),
      });
    }
  }
  if (vae && vaeTime) {
    const base = { method: `VAE training, ${vae.options.epochs} ep`, 'model ε': '' };
    rows.push({ ...base, side: `TypeScript, ${vae.trainer} trainer`, 'wall s': vaeTime.seconds, 'CPU s': vaeTime.cpuSeconds });
    const p = report?.vaeTrain;
    if (p) {
      rows.push({
        ...base,
        side: 'PyTorch',
        'wall s': p.seconds,
        'CPU s': p.cpuSeconds,
        'wall s/factual': '',
        'TS/this wall': vaeTime.seconds / p.seconds,
        'TS/this CPU': vaeTime.cpuSeconds / p.cpuSeconds,
      });
    }
  }
  details = {
    factuals: f.x.rows,
    samplerThreads: threads,
    eps: EPS,
    methods: METHODS,
    reps: REPS,
    cpus: cpus().length,
    loadavg: loadavg(),
    torch: torch.why,
    typescript: tsRuns,
    pytorch: torchRuns,
    vaeTraining: vaeRuns,
  };
  const side = torch.python ? `PyTorch: ${torch.why}, ${THREADS} thread(s); ` : '';
  console.log(
    `TypeScript: GSM and C-CHVAE sample on ${threads} thread(s) (RECOURSE_THREADS), SCFE and ROAR on one; ROAR's search against the same LIME surrogates on both sides (the fits left out); ${side}fastest of ${REPS} alternating run(s) each; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
  );
  for (const { net } of nets) net.dispose();
  vae?.vae.dispose();
  return rows;
}
