/** Wall-clock bookkeeping of a batched call: when each row's search ended. */
export class RowClock {
  private readonly t0 = performance.now();
  readonly seconds: number[];

  constructor(rows: number) {
    this.seconds = new Array(rows).fill(NaN);
  }

  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Marks row i as finished now (first call wins). */
  finish(i: number): void {
    if (Number.isNaN(this.seconds[i])) this.seconds[i] = this.elapsed();
  }

  /** Marks every unfinished row as finished now; returns the total. */
  close(): number {
    const t = this.elapsed();
    for (let i = 0; i < this.seconds.length; i++) if (Number.isNaN(this.seconds[i])) this.seconds[i] = t;
    return t;
  }
}
