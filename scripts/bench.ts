/**
 * `npm run bench`: speed targets live here, not in tests. Each numbered file in scripts/bench/ (NN-name.ts)
 * exports `title` and `run(): Promise<BenchRow[]>`; this script runs them in name order and prints one table
 * each; a section may also export `details` (filled by run). Everything is written to
 * .bench/bench-<timestamp>.json so runs can be compared. Set BENCH_ONLY=name to run one section. Data
 * comes from RECOURSE_DATA_DIR (or the download cache).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../src/backend';

export interface BenchRow {
  [column: string]: string | number;
}

function table(rows: BenchRow[]): string {
  if (!rows.length) return '(no rows)';
  const cols = Object.keys(rows[0]);
  const cell = (v: string | number) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c] ?? '')).length)));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(w[i])).join(' | ') + ' |';
  return [line(cols), '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|', ...rows.map((r) => line(cols.map((c) => String(cell(r[c] ?? '')))))].join('\n');
}

const backend = await initBackend();
const dir = join(process.cwd(), 'scripts', 'bench');
const only = process.env.BENCH_ONLY;
const started = new Date();
const report: { started: string; node: string; backend: string; cpus: number; loadavg: number[]; sections: unknown[] } = {
  started: started.toISOString(), node: process.version, backend, cpus: cpus().length, loadavg: loadavg(), sections: [],
};
try {
  for (const f of readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f)).sort()) {
    if (only && !f.includes(only)) continue;
    const mod = await import(join(dir, f));
    console.log(`\n## ${mod.title} (backend ${backend}, ${new Date().toISOString()})\n`);
    const rows = await mod.run();
    console.log(table(rows));
    report.sections.push({ file: f, title: mod.title, rows, details: mod.details ?? null });
  }
} catch (e) {
  // print the message only: the wasm backend's exception hook would echo its whole one-line source
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
}
mkdirSync('.bench', { recursive: true });
const file = join('.bench', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 1));
console.log(`\nwritten to ${file}`);
