import { RecourseError } from './errors';

/** Plain decimal notation only: no hexadecimal, binary, octal, 'Infinity', '1_000' or empty strings. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The largest finite float32, the range every tensor and data file of the project lives in. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Longest piece of untrusted text echoed back in a message. */
const ECHO_MAX = 40;

/**
 * Untrusted text as it appears in a message: single-quoted, control characters escaped and cut to
 * ECHO_MAX characters (with the full length), so one bad cell or flag never floods the terminal.
 */
export function echo(text: string): string {
  const safe = (s: string) => s.replace(/[\u0000-\u001f\u007f\ufffd]/g, (c) => (c === '\ufffd' ? '?' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  if (text.length <= ECHO_MAX) return `'${safe(text)}'`;
  return `'${safe(text.slice(0, ECHO_MAX))}…' (${text.length} characters)`;
}

/** The value of plain decimal text, or NaN when the text is not plain decimal (the fast path of CSV cells). */
export function decimalValue(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/**
 * Parses untrusted text (a flag, an environment variable, an option value) as a finite decimal number.
 * `what` names the input in the error, e.g. "--eps" or "option lambda of scfe".
 */
export function parseDecimal(text: string, what: string): number {
  const v = decimalValue(text.trim());
  if (!Number.isFinite(v)) throw new RecourseError(`${what} must be a decimal number; got ${echo(text)}`);
  // '1e-400' parses to 0: refuse it rather than run with a value the user did not type
  if (v === 0 && /[1-9]/.test(text.trim().split(/e/i)[0]))
    throw new RecourseError(`${what} is too small to represent (it rounds to 0); got ${echo(text)}: use 0 or a value ≥ 1e-300`);
  return v;
}

/** Parses a comma-separated list; an empty list or an empty entry is an error naming `what`. */
export function parseList(text: string, what: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (!text.trim() || items.some((s) => s === '')) {
    throw new RecourseError(`${what} must be a comma-separated list without empty entries; got ${echo(text)}`);
  }
  return items;
}

/** Parses 'true' / 'false' (also 1/0, yes/no). */
export function parseBoolean(text: string, what: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no'].includes(t)) return false;
  throw new RecourseError(`${what} must be true or false; got ${echo(text)}`);
}

/** An environment variable, trimmed; unset and empty are both undefined. */
export function envText(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
}

/** A true/false environment variable (unset = false); anything else is an error naming the variable. */
export function envBoolean(name: string): boolean {
  const v = envText(name);
  return v === undefined ? false : parseBoolean(v, name);
}

/** An environment variable that must be one of `values` (unset = undefined). */
export function envChoice<T extends string>(name: string, values: readonly T[], fix: string): T | undefined {
  const v = envText(name);
  if (v !== undefined && !values.includes(v as T)) throw new RecourseError(`${name}=${echo(v)} is not one of ${values.join(', ')}; ${fix}`);
  return v as T | undefined;
}
