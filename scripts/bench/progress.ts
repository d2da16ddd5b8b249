/** Progress lines and the long-run switch of `npm run bench` (scripts/bench.ts), shared by its sections. */
const started = performance.now();

/** One line on stderr, prefixed with the time since the bench began: a long section says where it is. */
export function benchProgress(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  process.stderr.write(`[bench ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}] ${message}\n`);
}

/** True under BENCH_LONG=1: sections run their full sizes and the long sections run too. */
export const benchLong = (): boolean => process.env.BENCH_LONG === '1';
