/**
 * `npm run bench`: speed targets live here, not in tests. Each file in scripts/bench/ exports
 * `title` and `run(): Promise<BenchRow[]>`; this script runs them in name order and prints one table each.
 * Set BENCH_ONLY=name to run one section. Data comes from RECOURSE_DATA_DIR (or the download cache).
 */
import { readdirSync } from 'node:fs';
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
for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  if (only && !f.includes(only)) continue;
  const mod = await import(join(dir, f));
  console.log(`\n## ${mod.title} (backend ${backend}, ${new Date().toISOString()})\n`);
  console.log(table(await mod.run()));
}
