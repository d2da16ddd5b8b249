import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromCSV } from 'arquero';
import type { BenchRow } from '../bench';
import { benchProgress } from './progress';

export const title = 'The paper profile from an empty cache: `recourse reproduce --jobs 2` (wall, stages summed over the jobs, recourse seconds per method)';
/** Off by default: tens of minutes on 2 cores (BENCH_ONLY=paper runs it). */
export const long = true;

const JOBS = Number(process.env.BENCH_PAPER_JOBS ?? 2);

/** The newest earlier bench report with this section, or null. */
function previousRows(): { file: string; rows: BenchRow[] } | null {
  if (!existsSync('.bench')) return null;
  for (const f of readdirSync('.bench')
    .filter((f) => /^bench-.*\.json$/.test(f))
    .sort()
    .reverse()) {
    try {
      const r = JSON.parse(readFileSync(join('.bench', f), 'utf8')) as { sections?: { file: string; rows: BenchRow[] }[] };
      const s = r.sections?.find((x) => x.file === '90-paper.ts');
      if (s) return { file: f, rows: s.rows };
    } catch {
      /* an unreadable report is skipped */
    }
  }
  return null;
}

/** Seconds per method from results/recourse.csv: all units, and the units whose every searched row was certified to have no recourse. */
function perMethod(csv: string): { method: string; units: number; seconds: number; certifiedSeconds: number; certifiedRows: number }[] {
  const rows = fromCSV(csv, { autoType: false }).objects() as Record<string, string>[];
  const out = new Map<string, { method: string; units: number; seconds: number; certifiedSeconds: number; certifiedRows: number }>();
  for (const row of rows) {
    const e = out.get(row.method) ?? { method: row.method, units: 0, seconds: 0, certifiedSeconds: 0, certifiedRows: 0 };
    const certified = Number(row.certified) || 0;
    e.units++;
    e.seconds += Number(row.seconds);
    e.certifiedRows += certified;
    if (certified > 0 && certified === Number(row.factuals) - Number(row.alreadyPositive)) e.certifiedSeconds += Number(row.seconds);
    out.set(row.method, e);
  }
  return [...out.values()];
}

/** Runs the command line as a user would, with a fresh cache and output folder, and reads its summary and tables. */
export async function run(): Promise<BenchRow[]> {
  const cache = mkdtempSync(join(tmpdir(), 'bench-paper-cache-'));
  const out = mkdtempSync(join(tmpdir(), 'bench-paper-out-'));
  try {
    benchProgress(`recourse reproduce --profile paper --jobs ${JOBS} (its progress follows)`);
    const r = spawnSync(process.execPath, ['bin/recourse.js', 'reproduce', '--profile', 'paper', '--jobs', String(JOBS), '--no-images', '--out', out], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, RECOURSE_CACHE_DIR: cache },
    });
    if (r.status !== 0) throw new Error(`recourse reproduce failed (exit ${r.status ?? r.signal})`);
    const summary = JSON.parse(readFileSync(join(out, 'results', 'summary.json'), 'utf8')) as { wallSeconds: number; stageSeconds: Record<string, number> };
    const rows: BenchRow[] = [{ what: 'wall s', seconds: summary.wallSeconds }];
    for (const [stage, sec] of Object.entries(summary.stageSeconds)) rows.push({ what: `stage ${stage} s`, seconds: sec });
    for (const p of perMethod(readFileSync(join(out, 'results', 'recourse.csv'), 'utf8'))) {
      rows.push({ what: `recourse ${p.method} s (${p.units} units)`, seconds: p.seconds });
      rows.push({ what: `recourse ${p.method} s in fully certified units (${p.certifiedRows} certified rows)`, seconds: p.certifiedSeconds });
    }
    const prev = previousRows();
    const before = new Map((prev?.rows ?? []).map((x) => [String(x.what).replace(/ \(.*\)$/, ''), Number(x.seconds)]));
    return rows.map((x) => {
      const b = before.get(String(x.what).replace(/ \(.*\)$/, ''));
      return { ...x, previous: b ?? '', 'this / previous': b ? Number(x.seconds) / b : '', 'previous run': prev?.file ?? 'none' };
    });
  } finally {
    [cache, out].forEach((d) => rmSync(d, { recursive: true, force: true }));
  }
}
