/** The closest candidate a model scores positive, among one factual's own samples: the shared last step of the sampling searches. */

/**
 * Of `count` candidates with logits `z`, the index of the one scored positive (z > 0) that is closest by
 * `dist`, or −1 when none is; a tie keeps the first.
 */
export function closestPositive(z: ArrayLike<number>, count: number, dist: (k: number) => number): number {
  let best = -1;
  let bestDist = Infinity;
  for (let k = 0; k < count; k++) {
    if (!(z[k] > 0)) continue;
    const v = dist(k);
    if (v < bestDist) {
      bestDist = v;
      best = k;
    }
  }
  return best;
}
