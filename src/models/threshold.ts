/**
 * The `matched` threshold: a robust model's output bias shifted so that it accepts the same share of the
 * training split as the ε = 0 model of the same dataset, kind, shape and seed. The shift moves the decision
 * boundary only; the weights, and so the model's ranking of people, stay as trained.
 */
import type { Matrix } from '../util/matrix';
import { Net } from './net';
import { logitsOf } from './predict';

/** Share of rows with a positive logit. */
export function positiveRateOf(logits: Float32Array): number {
  let pos = 0;
  for (const z of logits) pos += z > 0 ? 1 : 0;
  return logits.length ? pos / logits.length : NaN;
}

/**
 * The bias shift s that makes round(rate · n) of these logits positive (z + s > 0): the midpoint between the
 * k-th and (k+1)-th largest logit, so ties aside the count is exact. 0 when the logits already give that count.
 */
export function matchingShift(logits: Float32Array, rate: number): number {
  const n = logits.length;
  const k = Math.min(n, Math.max(0, Math.round(rate * n)));
  let have = 0;
  for (const z of logits) have += z > 0 ? 1 : 0;
  if (have === k || n === 0) return 0;
  const sorted = Float64Array.from(logits).sort().reverse();
  const gap = (a: number, b: number) => Math.max(1e-6, Math.abs(a - b) * 1e-3);
  if (k === 0) return -sorted[0] - gap(sorted[0], sorted[Math.min(1, n - 1)]);
  if (k === n) return -sorted[n - 1] + gap(sorted[n - 1], sorted[Math.max(0, n - 2)]);
  return -(sorted[k - 1] + sorted[k]) / 2;
}

/** A copy of the net with `shift` added to its output bias. */
export function shiftedNet(net: Net, shift: number): Net {
  const w = net.weights();
  const last = w[w.length - 1];
  return new Net([...w.slice(0, -1), { ...last, b: last.b.map((b) => b + shift) }]);
}

/** The matched copy of a robust net: its shift, and the net, given the ε = 0 model's positive rate on the same training rows. */
export function matchThreshold(net: Net, train: Matrix, referenceRate: number): { net: Net; shift: number } {
  const shift = matchingShift(logitsOf(net, train), referenceRate);
  return { net: shiftedNet(net, shift), shift };
}
