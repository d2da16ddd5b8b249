import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../../models/types';
import { check, RecourseError } from '../../util/errors';
import { matrix, type Matrix } from '../../util/matrix';
import { checkFactuals, logitsOf, mergeOptions, opt, RowClock } from '../common';
import { featureLayout, projectRows, type FeatureLayout } from '../../data/layout';
import { rowRng, sampleShell } from '../../util/sampling';
import type { RecourseContext, RecourseMethod, RecourseResult } from '../types';
import { decoderLipschitz } from './lipschitz';
import type { Vae } from './vae';
import { fitVae, VAE_DEFAULTS, type VaeOptions } from './train';

export interface CchvaeOptions {
  /** Latent samples per shell (default 300, CARLA). */
  nSearchSamples: number;
  /** Norm of the latent shells and of the input distance used to pick the closest candidate (default 1, CARLA). */
  pNorm: 1 | 2;
  /** Shell width in latent units; shell t covers radii [t·step, (t+1)·step) (default 0.1, CARLA). */
  step: number;
  /** Shell cap (default 200: latent radius 20, three times the typical ℓ1 norm of an 8-d prior draw; CARLA 1000). */
  maxIter: number;
  /** Autoencoder options (see VAE_DEFAULTS). */
  vae: Partial<VaeOptions>;
  /** A trained autoencoder to use instead of training / loading one (it is not disposed). */
  autoencoder: Vae | null;
  /** Reuse and write the VAE cache (default true). */
  cache: boolean;
  seed: number;
}

export const CCHVAE_DEFAULTS: CchvaeOptions = {
  nSearchSamples: 300, pNorm: 1, step: 0.1, maxIter: 200, vae: {}, autoencoder: null, cache: true, seed: 0,
};

export interface CchvaeResult extends RecourseResult {
  /** Per factual: ‖ζ‖_p of the latent step of the returned counterfactual (0 if already positive, NaN if not found). */
  readonly radii: number[];
  /** Per factual: outer radius of the last shell searched. */
  readonly shellRadii: number[];
  /** Upper bound on the decoder's Lipschitz constant (ℓ2 → ℓ2, see decoderLipschitz). */
  readonly lipschitz: number;
  readonly pNorm: 1 | 2;
}

/** Candidate rows per batched decode + model call. */
const CHUNK_SAMPLES = 1 << 17;

function pDist(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, len: number, p: 1 | 2): number {
  let s = 0;
  for (let j = 0; j < len; j++) {
    const v = a[ao + j] - b[bo + j];
    s += p === 1 ? Math.abs(v) : v * v;
  }
  return p === 1 ? s : Math.sqrt(s);
}

interface Found { cf: Float32Array; radius: number }

/** One latent shell per listed row: sample, decode, project, predict, keep the closest valid candidate. */
function searchShell(model: Classifier, vae: Vae, layout: FeatureLayout, factuals: Matrix, z0: Float32Array, rows: number[],
  shell: (i: number) => [number, number], rngs: ReturnType<typeof rowRng>[], o: CchvaeOptions): (Found | null)[] {
  const d = factuals.cols;
  const k = vae.latent;
  const cc = vae.condCols.length;
  const latentDims = [...Array(k).keys()];
  const per = Math.max(1, Math.floor(CHUNK_SAMPLES / o.nSearchSamples));
  const out: (Found | null)[] = [];
  for (let s = 0; s < rows.length; s += per) {
    const chunk = rows.slice(s, s + per);
    const N = chunk.length * o.nSearchSamples;
    const zs = new Float32Array(N * k);
    const conds = new Float32Array(N * cc);
    chunk.forEach((i, c) => {
      const [a0, a1] = shell(i);
      sampleShell(rngs[i], z0.subarray(i * k, (i + 1) * k), latentDims, { a0, a1, p: o.pNorm, radial: 'radius' }, o.nSearchSamples, zs, c * o.nSearchSamples, k);
      for (let r = 0; r < o.nSearchSamples; r++) vae.condCols.forEach((j, t) => (conds[(c * o.nSearchSamples + r) * cc + t] = factuals.data[i * d + j]));
    });
    // tidy returns the tensor, not its data: tidy walks a returned typed array element by element
    const decoded = tf.tidy(() => vae.decode(tf.tensor2d(zs, [N, k]), tf.tensor2d(conds, [N, cc])));
    const dec = decoded.dataSync() as Float32Array;
    decoded.dispose();
    const cand = new Float32Array(N * d);
    const factualOf = (r: number) => chunk[Math.floor(r / o.nSearchSamples)];
    for (let r = 0; r < N; r++) {
      cand.set(factuals.data.subarray(factualOf(r) * d, (factualOf(r) + 1) * d), r * d);
      vae.mutableCols.forEach((j, t) => (cand[r * d + j] = dec[r * vae.mutableCols.length + t]));
    }
    projectRows(layout, cand, factuals.data, factualOf);
    const z = logitsOf(model, { data: cand, rows: N, cols: d });
    chunk.forEach((i, c) => {
      let best = -1;
      let bestDist = Infinity;
      for (let r = c * o.nSearchSamples; r < (c + 1) * o.nSearchSamples; r++) {
        if (!(z[r] > 0)) continue;
        const dist = pDist(cand, r * d, factuals.data, i * d, d, o.pNorm);
        if (dist < bestDist) { bestDist = dist; best = r; }
      }
      out.push(best < 0 ? null : { cf: cand.slice(best * d, (best + 1) * d), radius: pDist(zs, best * k, z0, i * k, k, o.pNorm) });
    });
  }
  return out;
}

function checkCchvaeOptions(o: CchvaeOptions): void {
  opt.positiveInt('cchvae', 'nSearchSamples', o.nSearchSamples);
  opt.oneOf('cchvae', 'pNorm', o.pNorm, [1, 2]);
  opt.positive('cchvae', 'step', o.step);
  opt.positiveInt('cchvae', 'maxIter', o.maxIter);
  opt.integer('cchvae', 'seed', o.seed);
  check(typeof o.vae === 'object' && o.vae !== null, 'cchvae: option vae must be an object of VAE options');
}

/**
 * C-CHVAE (Pawelczyk et al. 2020; CARLA `cchvae`), batched: encode each factual to μ(x), sample latent ℓp
 * shells of growing radius (CARLA's uniform-radius sampling), decode under the factual's immutable columns,
 * project onto the feasible set, and keep the closest candidate the model predicts positive. Unlike CARLA
 * the immutable part of the condition is never perturbed, the VAE is conditioned in encoder and decoder,
 * every draw is seeded, and the result carries each factual's latent radius and the decoder's Lipschitz
 * bound (Theorem 3). Needs context.train (the VAE's training data) unless an autoencoder is passed.
 */
export const cchvae: RecourseMethod<CchvaeOptions, CchvaeResult> = {
  name: 'cchvae',
  summary: 'C-CHVAE: growing latent shells of a conditional VAE, closest decoded valid candidate',
  defaults: CCHVAE_DEFAULTS,
  async generate(model: Classifier, factuals: Matrix, options: Partial<CchvaeOptions> = {}, context: RecourseContext = {}): Promise<CchvaeResult> {
    const o = mergeOptions('cchvae', CCHVAE_DEFAULTS, options);
    checkCchvaeOptions(o);
    checkFactuals(model, factuals);
    const layout = featureLayout(factuals.cols, context.spec);
    if (!o.autoencoder && !context.train) {
      throw new RecourseError('cchvae needs training data for its VAE: pass context.train (the dataset\'s train split) or options.autoencoder');
    }
    const vae = o.autoencoder ?? fitVae(context.train!, layout, context.spec?.name ?? 'data', { ...VAE_DEFAULTS, ...o.vae }, { cache: o.cache, onProgress: context.onProgress }).vae;
    const clock = new RowClock(factuals.rows);
    const n = factuals.rows;
    const alreadyPositive = Array.from(logitsOf(model, factuals), (v) => v > 0);
    const mu = tf.tidy(() => {
      const { xm, cond } = vae.split(tf.tensor2d(factuals.data, [n, factuals.cols]));
      return vae.encode(xm, cond).mu;
    });
    const z0 = mu.dataSync() as Float32Array;
    mu.dispose();
    const rngs = Array.from({ length: n }, (_, i) => rowRng(o.seed, i));
    const out = matrix(n, factuals.cols, Float32Array.from(factuals.data));
    const radii = alreadyPositive.map((p) => (p ? 0 : NaN));
    const shells = new Array<number>(n).fill(0);
    const done = [...alreadyPositive];
    done.forEach((p, i) => p && clock.finish(i));
    for (let t = 0; t < o.maxIter; t++) {
      const active = done.flatMap((dn, i) => (dn ? [] : [i]));
      if (!active.length) break;
      const found = searchShell(model, vae, layout, factuals, z0, active, () => [t * o.step, (t + 1) * o.step], rngs, o);
      active.forEach((i, k) => {
        shells[i] = t + 1;
        const f = found[k];
        if (f) {
          out.data.set(f.cf, i * factuals.cols);
          radii[i] = f.radius;
          done[i] = true;
          clock.finish(i);
        }
      });
    }
    const lipschitz = decoderLipschitz(vae).bound;
    if (!o.autoencoder) vae.dispose();
    const z = logitsOf(model, out);
    const totalSeconds = clock.close();
    return {
      method: 'cchvae', counterfactuals: out, found: Array.from(z, (v) => v > 0), alreadyPositive, iterations: shells,
      seconds: clock.seconds, totalSeconds, radii, shellRadii: shells.map((s) => s * o.step), lipschitz, pNorm: o.pNorm,
    };
  },
};
