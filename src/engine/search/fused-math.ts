/**
 * Scalar float32 functions for the fused gradient search, computed the way the wasm backend's kernels compute
 * them, so the fused loop rounds as the tfjs reference loop does: every result is a float32 value.
 */

/** Rounds to float32 (the precision of every tfjs op). */
export const f = Math.fround;

/** A float32 constant written as sign · 1.<hex fraction> · 2^exp (as the kernel's source states it). */
function hexFloat(negative: boolean, fraction: string, exp: number): number {
  return f((negative ? -1 : 1) * (parseInt(`1${fraction}`, 16) / 16 ** fraction.length) * 2 ** exp);
}

const MAGIC = hexFloat(false, '8000FE', 23);
const MINUS_LOG2E = hexFloat(true, '715476', 0);
const LN2_HI = hexFloat(false, '62E400', -1);
const LN2_LO = hexFloat(false, '7F7D1C', -20);
const C5 = hexFloat(true, '0F9F9C', -7);
const C4 = hexFloat(false, '573A1A', -5);
const C3 = hexFloat(true, '555A80', -3);
const C2 = hexFloat(false, 'FFFDC6', -2);
const C1 = hexFloat(true, 'FFFFF6', -1);
const DENORM_CUTOFF = hexFloat(false, '5D589E', 6);
const bits = new ArrayBuffer(4);
const asFloat = new Float32Array(bits);
const asInt = new Int32Array(bits);

/**
 * The logistic function of a float32 x as the wasm backend's sigmoid kernel evaluates it, bit for bit:
 * e^−|x| from a range reduction (magic-bias rounding, ln 2 in two parts) and a degree-5 polynomial,
 * σ(−|x|) = e/(e + 1), reflected for x ≥ 0, and 0 beyond the denormal cut-off.
 */
export function sigmoid32(x: number): number {
  const z = Math.abs(x);
  let n = f(f(z * MINUS_LOG2E) + MAGIC);
  asFloat[0] = n;
  asInt[0] <<= 23;
  const s = asFloat[0];
  n = f(n - MAGIC);
  let t = f(f(n * LN2_HI) + z);
  t = f(f(n * LN2_LO) + t);
  let p = f(f(t * C5) + C4);
  p = f(f(t * p) + C3);
  p = f(f(t * p) + C2);
  p = f(f(t * p) + C1);
  t = f(t * s);
  const e = f(f(t * p) + s);
  const r = z > DENORM_CUTOFF ? 0 : f(e / f(e + 1));
  return x < 0 || Object.is(x, -0) ? r : f(1 - r);
}

const SOFTPLUS_CUT = f(Math.log(1.1920928955078125e-7) + 2);

/** softplus(x) = log(1 + eˣ) with the backend kernel's cut-offs (eˣ below, x above), rounded to float32. */
export function softplus32(x: number): number {
  if (x < SOFTPLUS_CUT) return f(Math.exp(x));
  return x > -SOFTPLUS_CUT ? x : f(Math.log1p(f(Math.exp(x))));
}
