/**
 * The NTK pair of Theorem 2, Lemma 2 and Theorem 5, on a seeded training subsample X (size `n`, default
 * 500 so that the Float64 kernel solve and the Lanczos spectral norm stay at a few seconds on 2 cores):
 *   non-robust  w_NR = (K∞(X, X) + βI)⁻¹Y,
 *   robust      w_R  = (K∞(X_R, X_R) + βI)⁻¹Y,
 * where X_R is ℓ∞ PGD (20 steps of 2.5ε/20, no random start, projected onto the ε-ball ∩ [0,1]^d)
 * against the non-robust NTK model: one round of adversarial data augmentation, the kernel analogue of
 * training on adversarial examples. β (the paper's "bias", a ridge term) defaults to 1: large enough to
 * keep K + βI well conditioned, small enough for test accuracy within 1% of the best β we tried.
 */
import type { Split } from '../../data/types';
import { pgdAttack } from '../../models/attack';
import { takeRows, type Matrix } from '../../util/matrix';
import { resolveOptions } from '../../util/options';
import { Rng } from '../../util/rng';
import { NtkModel } from '../../models/ntk/model';
import { DEFAULT_NTK_PAIR, NTK_PAIR_RULES, type NtkPairOptions } from './options';

export interface NtkPair {
  readonly nr: NtkModel;
  readonly r: NtkModel;
  /** The training subsample and its adversarial version. */
  readonly X: Matrix;
  readonly XR: Matrix;
  readonly y: Float32Array;
  readonly options: NtkPairOptions;
  /** Mean ℓ∞ and ℓ2 displacement of X_R from X. */
  readonly meanLinf: number;
  readonly meanL2: number;
}

/** Fits the non-robust NTK on a subsample and the robust one on its PGD version; call disposeNtkPair when done. */
export function fitNtkPair(train: Split, opts: Partial<NtkPairOptions> = {}): NtkPair {
  const o = resolveOptions('ntk pair', DEFAULT_NTK_PAIR, NTK_PAIR_RULES, opts);
  const n = Math.min(o.n, train.x.rows);
  const idx = Array.from(new Rng(o.seed).permutation(train.x.rows).subarray(0, n));
  const X = takeRows(train.x, idx);
  const y = Float32Array.from(idx, (i) => train.y[i]);
  const nr = NtkModel.fit(X, y, o.beta);
  let XR: Matrix;
  let r: NtkModel;
  try {
    XR = o.eps > 0 ? pgdAttack(nr, X, y, { eps: o.eps, steps: o.pgdSteps, seed: o.seed }) : X;
    r = NtkModel.fit(XR, y, o.beta);
  } catch (e) {
    nr.dispose();
    throw e;
  }
  let linf = 0;
  let l2 = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    let s = 0;
    for (let j = 0; j < X.cols; j++) {
      const dlt = Math.abs(XR.data[i * X.cols + j] - X.data[i * X.cols + j]);
      m = Math.max(m, dlt);
      s += dlt * dlt;
    }
    linf += m / n;
    l2 += Math.sqrt(s) / n;
  }
  return { nr, r, X, XR, y, options: { ...o, n }, meanLinf: linf, meanL2: l2 };
}

/** Frees the tfjs constants both models create for `logits`. */
export function disposeNtkPair(p: NtkPair): void {
  p.nr.dispose();
  p.r.dispose();
}
