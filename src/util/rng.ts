/**
 * Seeded pseudo-random numbers (mulberry32). Every random step of the toolkit draws from an Rng
 * created from an explicit seed, so the same config and seed give the same numbers.
 */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = Math.floor(seed) ^ 0x9e3779b9;
    for (let i = 0; i < 4; i++) this.next();
  }

  /**
   * The generator's position (mulberry32's 32-bit state), so that another thread can continue the same
   * stream: `setState(getState())` on a fresh Rng there draws what this one would have drawn next.
   */
  getState(): number {
    if (this.spare !== null) throw new Error('Rng.getState: a Box–Muller spare is pending, so the state alone does not describe the stream');
    return this.state;
  }

  /** Continues the stream at a position read by getState() (any pending spare normal is dropped). */
  setState(state: number): void {
    this.state = state | 0;
    this.spare = null;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return (this.nextInt32() >>> 0) / 4294967296;
  }

  /** The next draw as a signed 32-bit integer: the bits of next() · 2³², without the round trip through a float. */
  nextInt32(): number {
    // the state is held as a signed int32 (the bits of mulberry32's uint32), which V8 keeps unboxed: a
    // draw is several times faster than with `>>> 0`, and every output is the same
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }

  /** Uniform on [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, with the spare value cached). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u <= 1e-300) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A new independent seed drawn from this stream (for child generators). */
  seed(): number {
    return Math.floor(this.next() * 2 ** 31);
  }

  /** A Float32Array of n draws from `draw`. */
  fill(n: number, draw: (r: Rng) => number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = draw(this);
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
