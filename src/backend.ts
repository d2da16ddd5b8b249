import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { RecourseError } from './util/errors';
import { info } from './util/log';
import { backendChoice, BACKENDS, type BackendName } from './backend-choice';

export { backendChoice, type BackendName };
const requireHere = createRequire(process.cwd() + '/');

/**
 * True when the real native @tensorflow/tfjs-node is installed. danfojs-node's npm override installs
 * plain @tensorflow/tfjs under that name, so the package name is checked, not just resolvability.
 */
export function nativeBackendInstalled(): boolean {
  try {
    return requireHere('@tensorflow/tfjs-node/package.json').name === '@tensorflow/tfjs-node';
  } catch {
    return false;
  }
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    if (!nativeBackendInstalled()) return false;
    requireHere('@tensorflow/tfjs-node');
  } else if (name === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Activates the named backend in this thread (a worker thread that must compute as the main thread does);
 * fails naming the backend when it cannot start here.
 */
export async function useBackend(name: string): Promise<void> {
  if (!(BACKENDS as readonly string[]).includes(name) || !(await tryBackend(name as BackendName))) {
    throw new RecourseError(`the ${name} tfjs backend failed to start in a worker thread; set RECOURSE_THREADS=1 to work on one thread`);
  }
}

let chosen: Promise<BackendName> | null = null;

/**
 * Selects the tfjs backend once: native tfjs-node when installed, else wasm, else cpu.
 * RECOURSE_BACKEND=tensorflow|wasm|cpu forces one and fails clearly when it is unavailable.
 * Prints the backend in use once (a progress line on stderr: silent with --json or RECOURSE_QUIET=1).
 */
export function initBackend(opts: { quiet?: boolean } = {}): Promise<BackendName> {
  if (chosen) return chosen;
  chosen = (async () => {
    const forced = backendChoice();
    let name: BackendName | null = null;
    if (forced) {
      if (!(await tryBackend(forced as BackendName))) {
        throw new RecourseError(
          forced === 'tensorflow'
            ? 'RECOURSE_BACKEND=tensorflow but @tensorflow/tfjs-node is not installed: run `npm install @tensorflow/tfjs-node` or unset RECOURSE_BACKEND'
            : `RECOURSE_BACKEND=${forced}: the ${forced} backend failed to initialise; unset RECOURSE_BACKEND to fall back automatically`,
        );
      }
      name = forced as BackendName;
    } else {
      for (const b of BACKENDS) {
        if (await tryBackend(b)) {
          name = b;
          break;
        }
      }
      if (!name) throw new RecourseError('no tfjs backend could be initialised (tried tensorflow, wasm, cpu)');
    }
    if (!opts.quiet) info(`tfjs backend: ${name}`);
    return name;
  })();
  return chosen;
}

/** The backend in use (after initBackend). */
export function backendName(): string {
  return tf.getBackend();
}
