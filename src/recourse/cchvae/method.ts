import * as tf from '@tensorflow/tfjs';
import type { FeatureLayout } from '../../data/layout';
import { logitsOf } from '../../models/predict';
import type { Classifier } from '../../models/types';
import { RecourseError } from '../../util/errors';
import { stopPoint } from '../../util/stop';
import { matrix, type Matrix } from '../../util/matrix';
import type { OptionRules } from '../../util/options';
import type { Rng } from '../../util/rng';
import { rowRng } from '../../util/sampling';
import { defineMethod } from '../method';
import { sampleShells, shellSampler, type ShellSampler } from '../../engine/index';
import { closestPositive } from '../closest';
import type { RecourseResult } from '../types';
import { decoderLipschitz } from './lipschitz';
import { fitVae, VAE_TRAINING_REVISION, type VaeOptions } from './train';
import { featureLayout } from '../../data/layout';
import type { Vae } from './vae';

/** C-CHVAE options; defaults and their sources are in CCHVAE_RULES and docs/methods.md. */
export interface CchvaeOptions {
  samplesPerShell: number;
  /** Norm of the latent shells and of the input distance that picks the closest candidate. */
  norm: 'l1' | 'l2';
  /** Shell width in latent units; shell t covers radii [t·w, (t+1)·w). */
  shellWidth: number;
  maxShells: number;
  /** Autoencoder options (VAE_RULES). */
  vae: Partial<VaeOptions>;
  /** A trained autoencoder to use instead of training / loading one (it is not disposed). */
  autoencoder: Vae | null;
  /** Reuse and write the VAE cache. */
  cache: boolean;
  seed: number;
}

/** C-CHVAE's options when none are given. */
export const CCHVAE_DEFAULTS: CchvaeOptions = {
  samplesPerShell: 300,
  norm: 'l1',
  shellWidth: 0.1,
  maxShells: 200,
  vae: {},
  autoencoder: null,
  cache: true,
  seed: 0,
};

/** The rule each of C-CHVAE's options is checked against. */
export const CCHVAE_RULES: OptionRules<CchvaeOptions> = {
  samplesPerShell: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'latent samples per shell', source: 'CARLA (n_search_samples)' },
  norm: {
    type: 'enum',
    values: ['l1', 'l2'],
    help: 'norm of the latent shells and of the distance that picks the closest candidate',
    source: 'CARLA (p_norm 1)',
  },
  shellWidth: { type: 'number', above: 0, help: 'latent shell width', source: 'CARLA (step)' },
  maxShells: {
    type: 'number',
    integer: true,
    min: 1,
    max: 1_000_000,
    help: 'shell cap (200 = latent radius 20, three times the typical ℓ1 norm of an 8-d prior draw)',
    source: 'project (CARLA max_iter 1000)',
  },
  vae: { type: 'object', help: 'autoencoder options (hidden, latent, klWeight, epochs, batchSize, learningRate, seed)' },
  autoencoder: { type: 'value', help: 'a trained autoencoder to use (not disposed)' },
  cache: { type: 'boolean', help: 'reuse and write the VAE cache' },
  seed: { type: 'number', integer: true, help: 'seed of the latent samples (per row)' },
};

/** Per-row extras of a C-CHVAE result. */
export type CchvaeExtras = {
  /** ‖ζ‖ (in the option's norm) of the latent step of the returned counterfactual; 0 if already positive, NaN if none found. */
  radii: number[];
  /** Outer radius of the last shell searched. */
  shellRadii: number[];
};

/** Call-level facts of a C-CHVAE result. */
export interface CchvaeInfo {
  /** Upper bound on the decoder's Lipschitz constant (ℓ2 → ℓ2, see decoderLipschitz); NaN when no row was searched. */
  lipschitz: number;
  norm: 'l1' | 'l2';
}

/** C-CHVAE's result: the recourses with what the latent search reports about them. */
export type CchvaeResult = RecourseResult & CchvaeExtras & CchvaeInfo;

function pDist(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, len: number, norm: 'l1' | 'l2'): number {
  let s = 0;
  for (let j = 0; j < len; j++) {
    const v = a[ao + j] - b[bo + j];
    s += norm === 'l1' ? Math.abs(v) : v * v;
  }
  return norm === 'l1' ? s : Math.sqrt(s);
}

interface Found {
  cf: Float32Array;
  radius: number;
}

/**
 * One latent shell per listed row: sample z around z0, decode it into the factual's row and project that (on the
 * sampler threads; each sample is drawn next to the factual's condition, as the decoder reads it), then predict
 * and keep the closest valid candidate. The sampler's rows are latent + condition columns wide; its decoder is
 * the VAE's.
 */
async function searchShell(
  model: Classifier,
  vae: Vae,
  layout: FeatureLayout,
  factuals: Matrix,
  z0: Float32Array,
  rows: number[],
  shell: [number, number],
  rngs: Rng[],
  o: CchvaeOptions,
  sampler: ShellSampler,
): Promise<(Found | null)[]> {
  const d = factuals.cols;
  const k = vae.latent;
  const w = sampler.width;
  const latentDims = [...Array(k).keys()];
  const out: (Found | null)[] = [];
  await sampleShells(
    sampler,
    rows,
    rngs,
    (chunk) => {
      const centers = new Float32Array(chunk.length * w);
      chunk.forEach((i, r) => {
        centers.set(z0.subarray(i * k, (i + 1) * k), r * w);
        vae.condCols.forEach((col, t) => (centers[r * w + k + t] = factuals.data[i * d + col]));
      });
      const shells = Float64Array.from(chunk.flatMap(() => shell));
      const rowsOf = new Float32Array(chunk.length * d);
      chunk.forEach((i, r) => rowsOf.set(factuals.data.subarray(i * d, (i + 1) * d), r * d));
      return { centers, dims: latentDims, shells, p: o.norm === 'l1' ? 1 : 2, radial: 'radius', layout: null, factuals: rowsOf };
    },
    (job) => {
      // the job decoded its samples into projected candidate rows (on the thread that drew them)
      const cand = job.decoded!;
      const z = logitsOf(model, cand);
      const S = job.perRow;
      job.rows.forEach((i, q) => {
        const [mine, latent] = [cand.data.subarray(q * S * d, (q + 1) * S * d), job.samples.data.subarray(q * S * w, (q + 1) * S * w)];
        const best = closestPositive(z.subarray(q * S, (q + 1) * S), S, (r) => pDist(mine, r * d, factuals.data, i * d, d, o.norm));
        out.push(best < 0 ? null : { cf: mine.slice(best * d, (best + 1) * d), radius: pDist(latent, best * w, z0, i * k, k, o.norm) });
      });
    },
  );
  return out;
}

/**
 * C-CHVAE (Pawelczyk et al. 2020; CARLA `cchvae`), batched: encode each factual to μ(x), sample latent ℓp
 * shells of growing radius (CARLA's uniform-radius sampling), decode under the factual's immutable columns,
 * project onto the feasible set, and keep the closest candidate the model predicts positive. Unlike CARLA
 * the immutable part of the condition is never perturbed, the VAE is conditioned in encoder and decoder,
 * every draw is seeded, and the result carries each factual's latent radius and the decoder's Lipschitz
 * bound (Theorem 3). Needs context.train (the VAE's training data) unless an autoencoder is passed.
 */
export const cchvae = defineMethod<CchvaeOptions, CchvaeExtras, CchvaeInfo>({
  name: 'cchvae',
  summary: 'C-CHVAE: growing latent shells of a conditional VAE, closest decoded valid candidate',
  defaults: CCHVAE_DEFAULTS,
  rules: CCHVAE_RULES,
  presets: { carla: { maxShells: 1000, vae: { hidden: [512, 256], epochs: 5, batchSize: 32 } } },
  skipped: { radii: 0, shellRadii: 0 },
  artefact: {
    stage: 'vae',
    option: 'vae',
    revision: VAE_TRAINING_REVISION,
    fit(ds, options, f) {
      const r = fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), ds.spec.name, options as Partial<VaeOptions>, f);
      r.vae.dispose();
      return { fromCache: r.fromCache };
    },
    label: (dataset, options) => `${dataset} VAE seed ${options.seed}`,
  },
  requires(_model, o, context) {
    if (!o.autoencoder && !context.train) {
      throw new RecourseError("cchvae needs training data for its VAE: pass context.train (the dataset's train split) or options.autoencoder");
    }
  },
  emptyInfo: (o) => ({ lipschitz: NaN, norm: o.norm }),
  async search({ model, factuals, rows, options: o, layout, context, finish }) {
    const vae = o.autoencoder ?? fitVae(context.train!, layout, context.spec?.name ?? 'data', o.vae, { cache: o.cache, onProgress: context.onProgress }).vae;
    try {
      const n = factuals.rows;
      const mu = tf.tidy(() => {
        const { xm, cond } = vae.split(tf.tensor2d(factuals.data, [n, factuals.cols]));
        return vae.encode(xm, cond).mu;
      });
      const z0 = mu.dataSync() as Float32Array;
      mu.dispose();
      const rngs = rows.map((r) => rowRng(o.seed, r));
      const sampler = shellSampler(o.samplesPerShell, vae.latent + vae.condCols.length, n, { layers: vae.decoderLayers(), columns: vae.mutableCols, layout });
      const out = matrix(n, factuals.cols, Float32Array.from(factuals.data));
      const radii = new Array<number>(n).fill(NaN);
      const shells = new Array<number>(n).fill(0);
      const done = new Array<boolean>(n).fill(false);
      for (let t = 0; t < o.maxShells; t++) {
        const active = done.flatMap((dn, i) => (dn ? [] : [i]));
        if (!active.length) break;
        await stopPoint(context.signal);
        const found = await searchShell(model, vae, layout, factuals, z0, active, [t * o.shellWidth, (t + 1) * o.shellWidth], rngs, o, sampler);
        active.forEach((i, k) => {
          shells[i] = t + 1;
          const f = found[k];
          if (f) {
            out.data.set(f.cf, i * factuals.cols);
            radii[i] = f.radius;
            done[i] = true;
            finish(i);
          }
        });
      }
      return {
        counterfactuals: out,
        iterations: shells,
        extras: { radii, shellRadii: shells.map((s) => s * o.shellWidth) },
        info: { lipschitz: decoderLipschitz(vae).bound, norm: o.norm },
      };
    } finally {
      if (!o.autoencoder) vae.dispose();
    }
  },
});
