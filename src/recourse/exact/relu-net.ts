/** A dense ReLU network evaluated in float64, and the ℓ1/ℓ∞ costs the exact programs minimise. */
import type { LayerWeights } from '../../models/dense';
import { RecourseError } from '../../util/errors';

export type ExactNorm = 'l1' | 'linf';

/** A point of the input space and its hidden layers' pre-activations. */
export interface Forward {
  readonly x: ArrayLike<number>;
  readonly z: readonly Float64Array[];
}

/** The forward pass in float64: every hidden layer's pre-activations and the logit. */
export function forward(layers: readonly LayerWeights[], x: ArrayLike<number>): Forward & { logit: number } {
  const z: Float64Array[] = [];
  let h: ArrayLike<number> = x;
  for (const [k, l] of layers.entries()) {
    const out = new Float64Array(l.outDim);
    for (let o = 0; o < l.outDim; o++) {
      let v = l.b[o];
      for (let i = 0; i < l.inDim; i++) v += h[i] * l.W[i * l.outDim + o];
      out[o] = v;
    }
    if (k === layers.length - 1) return { x, z, logit: out[0] };
    z.push(out);
    h = out.map((v) => Math.max(0, v));
  }
  throw new RecourseError('a network needs at least one layer');
}

/** ℓ1 or ℓ∞ distance. */
export function costOf(x: ArrayLike<number>, x0: ArrayLike<number>, norm: ExactNorm): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) {
    const v = Math.abs(x[j] - x0[j]);
    s = norm === 'l1' ? s + v : Math.max(s, v);
  }
  return s;
}
