/** An error the user can act on: the message names the problem and the fix. */
export class RecourseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecourseError';
  }
}

/** Throws a RecourseError unless `cond` holds. */
export function check(cond: unknown, message: string | (() => string)): asserts cond {
  if (!cond) throw new RecourseError(typeof message === 'string' ? message : message());
}

/** Validates an ℓ∞ radius ε ∈ [0, 1] (features are min–max scaled to [0, 1]). */
export function checkEpsilon(eps: number, what = 'eps'): number {
  check(Number.isFinite(eps) && eps >= 0 && eps <= 1,
    `${what} must be a number in [0, 1] (features are scaled to [0, 1]); got ${eps}`);
  return eps;
}

/** Validates a positive integer option. */
export function checkPositiveInt(v: number, what: string): number {
  check(Number.isInteger(v) && v > 0, `${what} must be a positive integer; got ${v}`);
  return v;
}
