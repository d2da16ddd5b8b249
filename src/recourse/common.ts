import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models/types';
import { check, RecourseError } from '../util/errors';
import type { Matrix } from '../util/matrix';

/**
 * Defaults overlaid with the given options (undefined values ignored). An unknown option name is an
 * error that lists the valid ones, so a typo never silently falls back to a default.
 */
export function mergeOptions<O extends object>(method: string, defaults: Readonly<O>, given: Partial<O> = {}): O {
  const out = { ...defaults } as O;
  for (const [k, v] of Object.entries(given)) {
    if (!(k in defaults)) {
      throw new RecourseError(`unknown option '${k}' for ${method}; valid options: ${Object.keys(defaults).join(', ')}`);
    }
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export { logitsOf } from '../models/predict';

/** Checks that the factuals fit the model and lie in [0,1] (the scaled feature space of every method). */
export function checkFactuals(model: Classifier, x: Matrix): void {
  check(x.rows > 0, 'no factuals given: pass at least one row (n must be ≥ 1)');
  check(x.cols === model.inputDim, `factuals have ${x.cols} columns but the model expects ${model.inputDim}`);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    if (!(v >= 0 && v <= 1)) {
      throw new RecourseError(`factual row ${Math.floor(i / x.cols)} column ${i % x.cols} is ${v}; factuals must be [0,1]-scaled (use the dataset's scaled splits)`);
    }
  }
}

/** Wall-clock bookkeeping of a batched call: when each row's search ended. */
export class RowClock {
  private readonly t0 = performance.now();
  readonly seconds: number[];

  constructor(rows: number) {
    this.seconds = new Array(rows).fill(NaN);
  }

  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Marks row i as finished now (first call wins). */
  finish(i: number): void {
    if (Number.isNaN(this.seconds[i])) this.seconds[i] = this.elapsed();
  }

  /** Marks every unfinished row as finished now; returns the total. */
  close(): number {
    const t = this.elapsed();
    for (let i = 0; i < this.seconds.length; i++) if (Number.isNaN(this.seconds[i])) this.seconds[i] = t;
    return t;
  }
}

/** Validators for option values, each throwing a RecourseError that names the option and method. */
export const opt = {
  nonNegative(method: string, name: string, v: number): void {
    check(Number.isFinite(v) && v >= 0, `${method}: option ${name} must be a finite number ≥ 0; got ${v}`);
  },
  positive(method: string, name: string, v: number): void {
    check(Number.isFinite(v) && v > 0, `${method}: option ${name} must be a finite number > 0; got ${v}`);
  },
  positiveInt(method: string, name: string, v: number): void {
    check(Number.isInteger(v) && v > 0, `${method}: option ${name} must be a positive integer; got ${v}`);
  },
  integer(method: string, name: string, v: number): void {
    check(Number.isInteger(v), `${method}: option ${name} must be an integer; got ${v}`);
  },
  oneOf<T>(method: string, name: string, v: T, allowed: readonly T[]): void {
    check(allowed.includes(v), `${method}: option ${name} must be one of ${allowed.join(', ')}; got ${String(v)}`);
  },
};
