/**
 * A progress callback that writes "label i/n" to stderr: in place on a terminal, otherwise about
 * ten lines per run (so logs stay short).
 */
export function progress(label: string, total: number, enabled = true): (i: number, extra?: string) => void {
  if (!enabled) return () => {};
  const tty = process.stderr.isTTY;
  const every = Math.max(1, Math.round(total / 10));
  return (i, extra = '') => {
    const done = i + 1;
    if (tty) process.stderr.write(`\r[recourse] ${label} ${done}/${total} ${extra}   ${done === total ? '\n' : ''}`);
    else if (done % every === 0 || done === total) process.stderr.write(`[recourse] ${label} ${done}/${total} ${extra}\n`);
  };
}
