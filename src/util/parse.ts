import { RecourseError } from './errors';

/** Plain decimal notation only: no hexadecimal, binary, octal, 'Infinity' or empty strings. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The largest finite float32, the range every tensor and data file of the project lives in. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Parses untrusted text (a flag, an environment variable, an option value) as a finite decimal number.
 * `what` names the input in the error, e.g. "--eps" or "option lambda of scfe".
 */
export function parseDecimal(text: string, what: string): number {
  const t = text.trim();
  const v = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) throw new RecourseError(`${what} must be a decimal number; got '${text}'`);
  return v;
}

/** Parses a comma-separated list; an empty list or an empty entry is an error naming `what`. */
export function parseList(text: string, what: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (!text.trim() || items.some((s) => s === '')) {
    throw new RecourseError(`${what} must be a comma-separated list without empty entries; got '${text}'`);
  }
  return items;
}

/** Parses 'true' / 'false' (also 1/0, yes/no). */
export function parseBoolean(text: string, what: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no'].includes(t)) return false;
  throw new RecourseError(`${what} must be true or false; got '${text}'`);
}
