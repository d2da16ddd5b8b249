/**
 * Stopping long work when asked. An interrupt (SIGINT, Interrupt Kernel) is an event: it can only run while the
 * work yields to the event loop, so loops that may run for seconds call `stopPoint` now and then. It yields at
 * most every 50 ms (a few microseconds each time) and throws `Stopped` once the signal is aborted.
 */
import { RecourseError } from './errors';

/** Thrown at a stop point after the run's signal was aborted; the caller says what finished. */
export class Stopped extends RecourseError {
  constructor(message = 'stopped as asked') {
    super(message);
    this.name = 'Stopped';
  }
}

const YIELD_EVERY_MS = 50;
let lastYield = 0;

/** Lets pending events run (at most every 50 ms), then throws Stopped if `signal` was aborted. No signal: no-op. */
export async function stopPoint(signal: AbortSignal | undefined, force = false): Promise<void> {
  if (!signal) return;
  const now = performance.now();
  if (force || now - lastYield >= YIELD_EVERY_MS) {
    lastYield = now;
    await new Promise((ok) => setImmediate(ok));
  }
  if (signal.aborted) throw new Stopped();
}
