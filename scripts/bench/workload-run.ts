/** Runs the sweep workload once on each side (TypeScript CLI, PyTorch script) and returns their JSON reports. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What both sides report: per-stage wall seconds, process CPU seconds, peak RSS, and one row per model. */
export interface SideReport {
  seconds: { train: number; eval: number; scfe: number; total: number };
  cpuSeconds: number;
  peakRssMB: number;
  rows: { model: string; eps: number; accuracy: number; advAccuracy: number; scfeValidity?: number }[];
}

export interface Workload {
  dataset: string;
  epochs: number;
  learningRate: number;
  scfeFactuals: number;
  models: string;
}

/** The JSON object a child printed on its last stdout line; throws naming `what` and quoting the line otherwise. */
export function parseLastJson<T = SideReport>(stdout: string, what: string): T {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${what} did not print a JSON report; its output ended with: ${line.slice(0, 300)}`);
  }
}

/** The flags both sides take for a workload: dataset, models, epochs, learning rate, SCFE factuals. */
const workloadFlags = (w: Workload): string[] => [
  '--dataset',
  w.dataset,
  '--models',
  w.models,
  '--epochs',
  String(w.epochs),
  '--learning-rate',
  String(w.learningRate),
  '--scfe-factuals',
  String(w.scfeFactuals),
];

/** `recourse sweep ... --no-cache --json` in a child process (a fresh cache dir, so nothing is reused). */
export function runTypeScript(w: Workload, env: Record<string, string> = {}): SideReport {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'sweep', ...workloadFlags(w), '--no-cache', '--json'];
  const cache = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, RECOURSE_CACHE_DIR: cache, RECOURSE_QUIET: '1', ...env },
  });
  rmSync(cache, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`recourse sweep failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return parseLastJson(r.stdout, 'recourse sweep');
}

/** The Python that has torch: BENCH_PYTHON, else .venv-torch/bin/python, else python3; null (with why) when none imports torch. */
export function findTorchPython(): { python: string | null; why: string } {
  const python = process.env.BENCH_PYTHON ?? (existsSync('.venv-torch/bin/python') ? '.venv-torch/bin/python' : 'python3');
  const r = spawnSync(python, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) return { python, why: `torch ${r.stdout.trim()}` };
  return {
    python: null,
    why: `${python} cannot import torch and numpy (make a venv: python3 -m venv .venv-torch && .venv-torch/bin/pip install torch numpy, or set BENCH_PYTHON)`,
  };
}

/** scripts/bench/pytorch/workload.py with torch.set_num_threads(threads). */
export function runPyTorch(python: string, w: Workload, threads: number, dataDir: string): SideReport {
  const args = ['scripts/bench/pytorch/workload.py', '--data-dir', dataDir, ...workloadFlags(w), '--threads', String(threads)];
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`workload.py failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return parseLastJson(r.stdout, 'workload.py');
}
