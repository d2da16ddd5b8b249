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

/** Validates a positive integer option. */
export function checkPositiveInt(v: number, what: string): number {
  check(Number.isInteger(v) && v > 0, `${what} must be a positive integer; got ${v}`);
  return v;
}
