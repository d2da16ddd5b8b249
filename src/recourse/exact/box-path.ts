/**
 * The KKT path of min ‖y − x‖² s.t. wᵀy ≥ t, 0 ≤ y ≤ 1: y(ν) = clip(x + νw, 0, 1), ν ≥ 0. Its score
 * g(ν) = wᵀy(ν) is piecewise linear and non-decreasing; the breakpoints are sorted once, so the smallest
 * feasible ν (and the cost of reaching any target) costs O(d) per query.
 */
export class BoxPath {
  private readonly events: { nu: number; dSlope: number }[] = [];
  private readonly start: number;
  /** The largest reachable score, g(∞). */
  readonly maxScore: number;

  constructor(
    private readonly w: readonly number[],
    private readonly x: readonly number[],
  ) {
    let start = 0;
    let max = 0;
    w.forEach((wj, j) => {
      const xj = x[j];
      const y0 = Math.min(1, Math.max(0, xj));
      start += wj * y0;
      max += wj * (wj > 0 ? 1 : wj < 0 ? 0 : y0);
      if (wj === 0) return;
      const enter = Math.max(0, (wj > 0 ? -xj : 1 - xj) / wj); // where x + νw enters [0,1]
      const leave = (wj > 0 ? 1 - xj : -xj) / wj; // where it leaves at the far bound
      if (leave > enter) {
        this.events.push({ nu: enter, dSlope: wj * wj }, { nu: leave, dSlope: -wj * wj });
      }
    });
    this.events.sort((a, b) => a.nu - b.nu || a.dSlope - b.dSlope);
    this.start = start;
    this.maxScore = max;
  }

  /** The smallest ν ≥ 0 with g(ν) ≥ target, or null when unreachable. */
  minNu(target: number): number | null {
    if (this.start >= target) return 0;
    if (this.maxScore < target) return null;
    let g = this.start;
    let slope = 0;
    let nu = 0;
    for (const e of this.events) {
      const next = g + slope * (e.nu - nu);
      if (slope > 0 && next >= target) return nu + (target - g) / slope;
      g = next;
      nu = e.nu;
      slope += e.dSlope;
    }
    // rounding can leave a hair of the target; the last segment's end is the best reachable point
    return nu;
  }

  /** y(ν). */
  point(nu: number): number[] {
    return this.x.map((xj, j) => Math.min(1, Math.max(0, xj + nu * this.w[j])));
  }

  /** ‖y(ν) − x‖². */
  sqCost(nu: number): number {
    let c = 0;
    this.x.forEach((xj, j) => {
      const y = Math.min(1, Math.max(0, xj + nu * this.w[j]));
      c += (y - xj) ** 2;
    });
    return c;
  }

  /** Minimal squared cost to reach score ≥ target (Infinity when unreachable). */
  costFor(target: number): number {
    const nu = this.minNu(target);
    return nu === null ? Infinity : this.sqCost(nu);
  }
}
