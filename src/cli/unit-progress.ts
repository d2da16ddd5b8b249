import type { ProgressEvent } from '../experiments/runner';

function clock(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/**
 * Renders experiment progress on stderr: a live bar (stage, units done/total, ETA) on a terminal, one line
 * per finished unit otherwise. The ETA of a stage extrapolates the mean time of the units computed so far
 * (cache hits excluded) to the units left.
 */
export function unitProgress(enabled = true, tty = Boolean(process.stderr.isTTY) && !process.env.RECOURSE_JOB): (e: ProgressEvent) => void {
  if (!enabled) return () => {};
  const job = process.env.RECOURSE_JOB ? `job ${process.env.RECOURSE_JOB} ` : '';
  let stage = '';
  let computed = 0;
  let spent = 0;
  return (e) => {
    if (e.stage !== stage) {
      if (tty && stage) process.stderr.write('\n');
      stage = e.stage;
      computed = 0;
      spent = 0;
    }
    if (!e.cached) {
      computed++;
      spent += e.seconds;
    }
    const eta = computed ? (spent / computed) * (e.total - e.done) : NaN;
    const how = e.cached ? 'cache' : `${e.seconds.toFixed(1)} s`;
    if (tty) {
      const width = 24;
      const filled = Math.round((width * e.done) / e.total);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const line = `[recourse] ${e.stage.padEnd(8)} ${bar} ${e.done}/${e.total} ETA ${clock(eta)}  ${e.label} (${how})`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1).padEnd((process.stderr.columns || 120) - 1)}`);
      if (e.done === e.total) process.stderr.write('\n');
    } else {
      process.stderr.write(`[recourse] ${job}${e.stage} ${e.done}/${e.total} ${e.label} (${how}${job ? '' : `; ETA ${clock(eta)}`})\n`);
    }
  };
}
