import { inspect } from 'node:util';

/**
 * An error the user can act on: the message names the problem and the fix. Printed by `console.error` or
 * `util.inspect` (as a notebook kernel prints a failed cell's error) it is that one line, with no stack trace.
 */
export class RecourseError extends Error {
  /** An error whose message is the one line the command line prints (`recourse: message`). */
  constructor(message: string) {
    super(message);
    this.name = 'RecourseError';
  }

  /** How Node and notebook kernels print it: the one line, no stack trace. */
  [inspect.custom](): string {
    return `recourse: ${this.message}`;
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
