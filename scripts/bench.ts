/**
 * `npm run bench`: speed targets live here, not in tests. Each numbered file in scripts/bench/ (NN-name.ts)
 * exports `title` and `run(): Promise<BenchRow[]>`; this script runs them in name order and prints one table
 * each; a section may also export `details` (filled by run) and `long = true` (run only under BENCH_LONG=1 or
 * when BENCH_ONLY names it). The default run answers in minutes. Progress goes to stderr; the report is written to
 * .bench/bench-<timestamp>.json after every section, so a stopped run keeps what it finished and runs can be
 * compared. Data comes from RECOURSE_DATA_DIR (or the download cache).
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../src/backend';
import { benchLong, benchProgress } from './bench/progress';

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

/** A section's file, its module and whether it runs by default. */
interface Section {
  readonly file: string;
  readonly name: string;
  readonly long: boolean;
}

/** Sections in name order, each marked long when its module says so (`export const long = true`). */
async function sections(dir: string): Promise<(Section & { mod: Record<string, unknown> })[]> {
  const out = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .sort()) {
    const mod = await import(join(dir, file));
    out.push({ file, name: file.replace(/^\d+-|\.ts$/g, ''), long: mod.long === true, mod });
  }
  return out;
}

/** What runs: BENCH_ONLY's sections (comma-separated parts of names, long ones included), else every section not long (all under BENCH_LONG=1). */
function chosen<S extends Section>(all: S[]): S[] {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (only) {
    const picked = all.filter((s) => only.some((o) => s.file.includes(o)));
    if (!picked.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} names no section; the sections are ${all.map((s) => s.name).join(', ')}`);
    return picked;
  }
  return benchLong() ? all : all.filter((s) => !s.long);
}

const backend = await initBackend();
const started = new Date();
const report: { started: string; node: string; backend: string; cpus: number; loadavg: number[]; finished: boolean; sections: unknown[] } = {
  started: started.toISOString(),
  node: process.version,
  backend,
  cpus: cpus().length,
  loadavg: loadavg(),
  finished: false,
  sections: [],
};
mkdirSync('.bench', { recursive: true });
const file = join('.bench', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
/** The report so far, written after every section (a stopped run keeps what it finished). */
function save(): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 1));
  renameSync(`${file}.tmp`, file);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    save();
    console.error(`\nbench: stopped; the ${report.sections.length} finished section(s) are in ${file}`);
    process.exit(130);
  });
}
try {
  const all = await sections(join(process.cwd(), 'scripts', 'bench'));
  const run = chosen(all);
  const skipped = all.filter((s) => !run.includes(s));
  benchProgress(
    `${run.length} section(s): ${run.map((s) => s.name).join(', ')}` +
      (skipped.length ? `; not run: ${skipped.map((s) => s.name).join(', ')} (BENCH_LONG=1 runs every section, BENCH_ONLY=name one)` : ''),
  );
  for (const [k, s] of run.entries()) {
    const t0 = performance.now();
    benchProgress(`section ${k + 1}/${run.length}: ${s.name}`);
    console.log(`\n## ${s.mod.title} (backend ${backend}, ${new Date().toISOString()})\n`);
    const rows = await (s.mod.run as () => Promise<BenchRow[]>)();
    console.log(table(rows));
    report.sections.push({ file: s.file, title: s.mod.title, seconds: (performance.now() - t0) / 1000, rows, details: s.mod.details ?? null });
    save();
    benchProgress(`section ${s.name} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
} catch (e) {
  save();
  // print the message only: the wasm backend's exception hook would echo its whole one-line source
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
}
report.finished = true;
save();
console.log(`\nwritten to ${file}`);
