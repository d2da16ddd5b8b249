import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profile, runExperiment, withOverrides, type Plan } from '../../src/experiments';
import { writeFigures } from '../../src/reports';
import type { BenchRow } from '../bench';
import { benchLong, benchProgress } from './progress';

export const title = 'recourse reproduce: wall time per stage with an empty cache (quick profile; under BENCH_LONG=1 also the paper profile on COMPAS)';

/** Runs a plan with a fresh cache folder and returns its stage times, figures included. */
async function timed(label: string, plan: Plan): Promise<BenchRow> {
  const cache = mkdtempSync(join(tmpdir(), 'bench-reproduce-'));
  const figures = mkdtempSync(join(tmpdir(), 'bench-figures-'));
  process.env.RECOURSE_CACHE_DIR = cache;
  const t0 = performance.now();
  const run = await runExperiment(plan);
  const f0 = performance.now();
  await writeFigures(run, figures);
  [cache, figures].forEach((d) => rmSync(d, { recursive: true, force: true }));
  const s = run.stageSeconds;
  return {
    run: label,
    models: run.units.models.length,
    'recourse units': run.units.recourse.length,
    'theory checks': run.theoryRuns.length,
    'train s': s.train,
    'vae s': s.vae,
    'recourse s': s.recourse,
    'theory s': s.theory,
    'figures s': (performance.now() - f0) / 1000,
    'total s': (performance.now() - t0) / 1000,
  };
}

/** The quick profile (CI's run) and, under BENCH_LONG=1, the paper profile restricted to COMPAS. */
export async function run(): Promise<BenchRow[]> {
  const saved = process.env.RECOURSE_CACHE_DIR;
  try {
    benchProgress('quick profile from an empty cache');
    const rows = [await timed('quick profile', profile('quick'))];
    if (benchLong()) {
      benchProgress('paper profile on COMPAS from an empty cache');
      rows.push(await timed('paper profile, COMPAS only', withOverrides(profile('paper'), { datasets: ['compas'] })));
    }
    return rows;
  } finally {
    if (saved === undefined) delete process.env.RECOURSE_CACHE_DIR;
    else process.env.RECOURSE_CACHE_DIR = saved;
  }
}
