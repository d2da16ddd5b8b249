/** Numbers as text for reports, tables and the command line: one function per style. */

/** `digits` decimals, or `missing` when v is not a finite number (NaN marks an undefined cell everywhere). */
export function fixed(v: unknown, digits: number, missing = 'n/a'): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : missing;
}

/** An integer as is, else 4 significant digits, or exponent notation when very large or small. */
export function formatNumber(v: number): string {
  return !Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) < 1e6)
    ? String(v)
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(3)
      : v.toPrecision(4);
}

/** k of n as a percentage with one decimal ('n/a' when n = 0). */
export function percent(k: number, n: number): string {
  return n ? `${((100 * k) / n).toFixed(1)}%` : 'n/a';
}
