import { autoEpochs } from '../../models/options';
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import type { Split } from '../../data/types';
import { check, RecourseError } from '../../util/errors';
import type { Matrix } from '../../util/matrix';
import { cacheDir } from '../../util/paths';
import { cached } from '../../util/artifacts';
import { layersChain, type LayerWeights } from '../../models/dense';
import { Rng } from '../../util/rng';
import { resolveOptions, type OptionRules } from '../../util/options';
import { mutableColumns, type FeatureLayout } from '../../data/layout';
import { Vae, type VaeWeights } from './vae';
import { FusedVaeTrainer, kernelsAvailable, type VaeBatch, type VaeStepInput } from '../../engine/index';

/** Autoencoder options; defaults and their sources are in VAE_RULES and docs/methods.md. */
export interface VaeOptions {
  /** Hidden layer widths of the encoder (the decoder mirrors them). */
  hidden: number[];
  latent: number;
  klWeight: number;
  /** Epochs; 0 = automatic: enough for ≈ 3000 Adam steps, between 10 and 300 epochs. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** The autoencoder's training options when none are given. */
export const VAE_DEFAULTS: VaeOptions = { hidden: [64, 32], latent: 8, klWeight: 0.3, epochs: 0, batchSize: 64, learningRate: 1e-3, seed: 0 };

/** The rule each of the autoencoder's options is checked against. */
export const VAE_RULES: OptionRules<VaeOptions> = {
  hidden: {
    type: 'numbers',
    integer: true,
    min: 1,
    max: 4096,
    help: 'encoder hidden widths (the decoder mirrors them)',
    source: 'project (CARLA: [512, 256])',
  },
  latent: { type: 'number', integer: true, min: 1, max: 1024, help: 'latent size', source: "CARLA's experiment" },
  klWeight: { type: 'number', min: 0, help: 'final KL weight β of the warm-up β = klWeight·epoch/epochs', source: 'CARLA' },
  epochs: { type: 'number', integer: true, min: 0, max: 100_000, help: 'epochs (0 = automatic, ≈ 3000 Adam steps)', source: 'project (CARLA: 5)' },
  batchSize: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'minibatch size', source: 'project (CARLA: 32)' },
  learningRate: { type: 'number', above: 0, help: 'Adam learning rate', source: 'CARLA' },
  seed: { type: 'number', integer: true, help: 'seed of initialisation, shuffling and sampling' },
};

/** An autoencoder trained for C-CHVAE, with its options and per-epoch losses. */
export interface TrainedVae {
  readonly vae: Vae;
  readonly options: VaeOptions;
  /** Mean loss (BCE sum per row + β·KL) of each epoch. */
  readonly lossHistory: number[];
  readonly trainSeconds: number;
  /** The trainer that produced the weights (part of the cache key). */
  readonly trainer: VaeTrainer;
  readonly fromCache: boolean;
  readonly cacheFile: string | null;
}

interface VaeFile {
  format: 'robust-recourse/vae@1';
  options: VaeOptions;
  weights: VaeWeights;
  lossHistory: number[];
  trainSeconds: number;
}

/**
 * How the autoencoder is trained: 'fused' (JS loops and the backend's matMul, on wasm and cpu) or 'autodiff'
 * (the tfjs tape and tf.train.adam, on any backend). Both take the same steps with the same noise; their weights
 * differ by float rounding only (tested).
 */
export type VaeTrainer = 'fused' | 'autodiff';

/** The trainer fitVae uses on the active backend. */
export const vaeTrainer = (): VaeTrainer => (kernelsAvailable() ? 'fused' : 'autodiff');

/**
 * Revision of the training procedure (minibatch order, noise draws, update rule). Cache keys of autoencoders and
 * of C-CHVAE results include it, so a change here never reuses results of the old procedure.
 */
export const VAE_TRAINING_REVISION = 2;

/** Cache key: the training rows, the column roles, every option, the trainer and its revision. */
function vaeKey(train: Split, layout: FeatureLayout, o: VaeOptions, trainer: VaeTrainer): string {
  const h = createHash('sha256');
  h.update(Buffer.from(train.x.data.buffer, train.x.data.byteOffset, train.x.data.byteLength));
  h.update(JSON.stringify({ imm: layout.immutable, o, trainer, revision: VAE_TRAINING_REVISION }));
  return h.digest('hex').slice(0, 20);
}

/** One minibatch step of a trainer (returns the batch's mean loss), and writing the result back into the VAE. */
interface Steps {
  step(batch: VaeBatch, input: VaeStepInput): number;
  finish(): void;
}

function fusedSteps(vae: Vae, o: VaeOptions): Steps {
  const trainer = new FusedVaeTrainer(vae.weights(), o.learningRate);
  return { step: (b, i) => trainer.step(b, i), finish: () => vae.setWeights(trainer.weights()) };
}

/**
 * The batch mean of BCE(x_m, σ(logits)) summed over columns + β·KL(q(z | x_m, c) ‖ N(0, I)), with
 * z = μ + e^{log σ²/2}·ε for the given noise ε (the loss both trainers minimise, as tfjs ops).
 */
export function negativeElbo(vae: Vae, xm: tf.Tensor2D, cond: tf.Tensor2D, noise: tf.Tensor2D, beta: number): tf.Scalar {
  return tf.tidy(() => {
    const { mu, logVar } = vae.encode(xm, cond);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), noise)) as tf.Tensor2D;
    const logits = vae.decodeLogits(z, cond);
    const bce = tf.sum(tf.sub(tf.softplus(logits), tf.mul(xm, logits)), 1);
    const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
    return tf.mean(tf.add(bce, tf.mul(kl, beta))) as tf.Scalar;
  });
}

function autodiffSteps(vae: Vae, o: VaeOptions): Steps {
  const optimizer = tf.train.adam(o.learningRate);
  const [m, c, L] = [vae.mutableCols.length, vae.condCols.length, vae.latent];
  return {
    step: ({ rows, xm, cond }, { beta, noise }) => {
      const cost = tf.tidy(() => {
        const xb = tf.tensor2d(xm, [rows, m]);
        const cb = tf.tensor2d(cond, [rows, c]);
        const eps = tf.tensor2d(noise, [rows, L]);
        return optimizer.minimize(() => negativeElbo(vae, xb, cb, eps, beta), true, vae.variables)!;
      });
      const loss = cost.dataSync()[0];
      cost.dispose();
      return loss;
    },
    finish: () => optimizer.dispose(),
  };
}

/**
 * Minibatch Adam on the negative ELBO (docs/methods.md, C-CHVAE training), in place on `vae`: each epoch a
 * seeded permutation, each minibatch its reparameterisation noise from the same stream, β = klWeight·epoch/epochs.
 * Returns the mean loss of each epoch.
 */
export function trainVaeWeights(vae: Vae, x: Matrix, o: VaeOptions, trainer: VaeTrainer = vaeTrainer(), onEpoch?: (e: number, loss: number) => void): number[] {
  const rng = new Rng(o.seed + 1);
  const [m, c, L] = [vae.mutableCols.length, vae.condCols.length, vae.latent];
  const steps = trainer === 'fused' ? fusedSteps(vae, o) : autodiffSteps(vae, o);
  const history: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const beta = (o.klWeight * epoch) / o.epochs;
    const perm = rng.permutation(x.rows);
    let total = 0;
    for (let s = 0; s < x.rows; s += o.batchSize) {
      const rows = Math.min(o.batchSize, x.rows - s);
      const xm = new Float32Array(rows * m);
      const cond = new Float32Array(rows * c);
      for (let r = 0; r < rows; r++) {
        const at = perm[s + r] * x.cols;
        for (let j = 0; j < m; j++) xm[r * m + j] = x.data[at + vae.mutableCols[j]];
        for (let j = 0; j < c; j++) cond[r * c + j] = x.data[at + vae.condCols[j]];
      }
      const noise = rng.fill(rows * L, (r) => r.normal());
      total += steps.step({ rows, xm, cond }, { beta, noise }) * rows;
    }
    history.push(total / x.rows);
    onEpoch?.(epoch, total / x.rows);
  }
  steps.finish();
  return history;
}

const VAE_FORMAT = 'robust-recourse/vae@1';

/** Checks a parsed VAE file against the layout and options asked for; throws an Error saying what is wrong. */
function checkVaeFile(b: unknown, layout: FeatureLayout, o: VaeOptions): VaeFile {
  const body = b as VaeFile;
  if (typeof b !== 'object' || b === null || body.format !== VAE_FORMAT) throw new Error(`not a ${VAE_FORMAT} file`);
  if (JSON.stringify(body.options) !== JSON.stringify(o)) throw new Error('its options differ from the requested ones');
  const w = body.weights;
  const [m, c] = [mutableColumns(layout), [...layout.immutable]];
  if (typeof w !== 'object' || w === null || JSON.stringify(w.mutableCols) !== JSON.stringify(m) || JSON.stringify(w.condCols) !== JSON.stringify(c)) {
    throw new Error('its column roles differ from the dataset layout');
  }
  const enc = [m.length + c.length, ...o.hidden];
  const dec = [o.latent + c.length, ...[...o.hidden].reverse(), m.length];
  const sizes = (ls: LayerWeights[]) => (Array.isArray(ls) && ls.length ? [ls[0].inDim, ...ls.map((l) => l.outDim)].join() : '');
  const top = enc[enc.length - 1];
  const heads = [w.mu, w.logVar].every((h) => h && h.inDim === top && h.outDim === o.latent && layersChain([h]));
  if (
    w.latent !== o.latent ||
    !layersChain(w.encoder ?? []) ||
    !layersChain(w.decoder ?? []) ||
    sizes(w.encoder) !== enc.join() ||
    sizes(w.decoder) !== dec.join() ||
    !heads
  ) {
    throw new Error('its layer sizes do not match the options and layout');
  }
  const all = [...w.encoder, w.mu, w.logVar, ...w.decoder];
  if (!all.every((l) => l.W.every(Number.isFinite) && l.b.every(Number.isFinite))) throw new Error('its weights are not all finite numbers');
  if (!Array.isArray(body.lossHistory) || !body.lossHistory.every(Number.isFinite) || !Number.isFinite(body.trainSeconds)) {
    throw new Error('its training record is missing or not finite');
  }
  return body;
}

/**
 * Trains the C-CHVAE autoencoder on a training split (mutable columns reconstructed, immutable ones as the
 * condition), or loads it from the cache folder vae/ keyed by data, column roles and options (a file that does
 * not validate is retrained with one warning). `name` only labels the cache file. Seeded: same data + options
 * → same weights on a given backend.
 */
export function fitVae(
  trainSplit: Split,
  layout: FeatureLayout,
  name: string,
  options: Partial<VaeOptions> = {},
  f: { cache?: boolean; onProgress?: (msg: string) => void } = {},
): TrainedVae {
  const given = resolveOptions('vae', VAE_DEFAULTS, VAE_RULES, options);
  check(mutableColumns(layout).length > 0, 'C-CHVAE needs at least one mutable column');
  const trainer = vaeTrainer();
  const file = cacheDir('vae', `${name}-${vaeKey(trainSplit, layout, given, trainer)}.json`);
  const o = { ...given, epochs: given.epochs || autoEpochs(trainSplit.x.rows, given.batchSize, 3000) };
  const r = cached<TrainedVae>(file, {
    enabled: f.cache !== false,
    validate: (b) => {
      const body = checkVaeFile(b, layout, o);
      return {
        vae: new Vae(body.weights),
        options: o,
        lossHistory: body.lossHistory,
        trainSeconds: body.trainSeconds,
        trainer,
        fromCache: true,
        cacheFile: file,
      };
    },
    compute: () => {
      const vae = Vae.init(mutableColumns(layout), [...layout.immutable], o.hidden, o.latent, o.seed);
      const t0 = performance.now();
      f.onProgress?.(`training the C-CHVAE autoencoder on ${name} (${o.epochs} epochs)`);
      const lossHistory = trainVaeWeights(vae, trainSplit.x, o, trainer);
      const k = lossHistory.findIndex((l) => !Number.isFinite(l));
      if (k >= 0) {
        vae.dispose();
        throw new RecourseError(
          `training the C-CHVAE autoencoder diverged: the loss became ${lossHistory[k]} at epoch ${k + 1}; lower its learningRate or check the data`,
        );
      }
      return { vae, options: o, lossHistory, trainSeconds: (performance.now() - t0) / 1000, trainer, fromCache: false, cacheFile: null };
    },
    serialize: (v): VaeFile => ({ format: VAE_FORMAT, options: o, weights: v.vae.weights(), lossHistory: v.lossHistory, trainSeconds: v.trainSeconds }),
  });
  return r.fromCache ? r.value : { ...r.value, cacheFile: r.file };
}

/**
 * Mean squared error per mutable cell between rows and their reconstruction decode(μ(x)), next to the
 * error of always predicting the column means of the same rows (the baseline a useful VAE must beat).
 */
export function reconstructionError(vae: Vae, x: Matrix): { mse: number; baselineMse: number } {
  return tf.tidy(() => {
    const X = tf.tensor2d(x.data, [x.rows, x.cols]);
    const { xm, cond } = vae.split(X);
    const rec = vae.decode(vae.encode(xm, cond).mu, cond);
    const mse = tf.mean(tf.square(tf.sub(rec, xm))).dataSync()[0];
    const baselineMse = tf.mean(tf.square(tf.sub(xm, tf.mean(xm, 0, true)))).dataSync()[0];
    return { mse, baselineMse };
  });
}
