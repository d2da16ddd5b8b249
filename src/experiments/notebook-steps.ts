/**
 * A notebook cell that runs a few long steps (the theory notebook's model pairs and ε sweeps): one output line
 * shows the step, the time so far and the time left (extrapolated from the finished steps), and Interrupt
 * Kernel ends the cell before the next step with one line.
 */
import { liveText } from '../figures/nb';
import { Stopped, stopPoint } from '../util/stop';
import { formatDuration } from './estimate';
import { onInterrupt } from './interrupt';

/** What a stepped computation calls before each step. */
export type BeginStep = (label: string) => Promise<void>;

/**
 * Runs `work`, which calls `begin(label)` before each of its `total` steps; see the module comment. A stop
 * throws Stopped with "stopped after k of n steps".
 */
export async function notebookSteps<T>(name: string, total: number, work: (begin: BeginStep) => Promise<T>): Promise<T> {
  const live = liveText();
  const t0 = performance.now();
  let done = -1; // steps finished, once the first began
  const stopped = (finished: number) => `${name}: stopped after ${finished} of ${total} steps; run the cell again to redo it`;
  // an interrupt lets the running step finish: the cell stops after it
  const interrupt = onInterrupt(() => stopped(Math.min(done + 1, total)));
  const begin: BeginStep = async (label) => {
    done++;
    await stopPoint(interrupt.signal, true);
    const elapsed = (performance.now() - t0) / 1000;
    const left = done > 0 ? `, ${formatDuration((elapsed / done) * (total - done))} left` : '';
    live.show(`${name}: step ${done + 1}/${total} · ${label} · ${formatDuration(elapsed).replace('about ', '')} so far${left}`);
  };
  try {
    const out = await work(begin);
    live.show(`${name}: ${total} steps in ${formatDuration((performance.now() - t0) / 1000).replace('about ', '')}`);
    return out;
  } catch (e) {
    if (e instanceof Stopped) {
      live.show(stopped(done));
      throw new Stopped(stopped(done));
    }
    throw e;
  } finally {
    interrupt.dispose();
  }
}
