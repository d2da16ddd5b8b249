import { autoEpochs } from '../../models/options';
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Split } from '../../data/types';
import { check, RecourseError } from '../../util/errors';
import type { Matrix } from '../../util/matrix';
import { cacheDir } from '../../util/paths';
import { Rng } from '../../util/rng';
import { resolveOptions, type OptionRules } from '../../util/options';
import { mutableColumns, type FeatureLayout } from '../../data/layout';
import { Vae, type VaeWeights } from './vae';

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

export const VAE_DEFAULTS: VaeOptions = { hidden: [64, 32], latent: 8, klWeight: 0.3, epochs: 0, batchSize: 64, learningRate: 1e-3, seed: 0 };

export const VAE_RULES: OptionRules<VaeOptions> = {
  hidden: { type: 'numbers', integer: true, min: 1, max: 4096, help: 'encoder hidden widths (the decoder mirrors them)', source: 'project (CARLA: [512, 256])' },
  latent: { type: 'number', integer: true, min: 1, max: 1024, help: 'latent size', source: "CARLA's experiment" },
  klWeight: { type: 'number', min: 0, help: 'final KL weight β of the warm-up β = klWeight·epoch/epochs', source: 'CARLA' },
  epochs: { type: 'number', integer: true, min: 0, max: 100_000, help: 'epochs (0 = automatic, ≈ 3000 Adam steps)', source: 'project (CARLA: 5)' },
  batchSize: { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'minibatch size', source: 'project (CARLA: 32)' },
  learningRate: { type: 'number', above: 0, help: 'Adam learning rate', source: 'CARLA' },
  seed: { type: 'number', integer: true, help: 'seed of initialisation, shuffling and sampling' },
};

export interface TrainedVae {
  readonly vae: Vae;
  readonly options: VaeOptions;
  /** Mean loss (BCE sum per row + β·KL) of each epoch. */
  readonly lossHistory: number[];
  readonly trainSeconds: number;
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

/** Cache key: the training rows, the column roles and every option. */
function vaeKey(train: Split, layout: FeatureLayout, o: VaeOptions): string {
  const h = createHash('sha256');
  h.update(Buffer.from(train.x.data.buffer, train.x.data.byteOffset, train.x.data.byteLength));
  h.update(JSON.stringify({ imm: layout.immutable, o }));
  return h.digest('hex').slice(0, 20);
}

/** One epoch-loop of minibatch Adam on the negative ELBO. */
function train(vae: Vae, x: Matrix, o: VaeOptions, onEpoch?: (e: number, loss: number) => void): number[] {
  const rng = new Rng(o.seed + 1);
  const X = tf.tensor2d(x.data, [x.rows, x.cols]);
  const { xm, cond } = vae.split(X);
  const optimizer = tf.train.adam(o.learningRate);
  const history: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const beta = (o.klWeight * epoch) / o.epochs;
    const perm = tf.tensor1d(rng.permutation(x.rows), 'int32');
    let total = 0;
    for (let s = 0; s < x.rows; s += o.batchSize) {
      const noiseSeed = rng.seed();
      const cost = tf.tidy(() => {
        const idx = perm.slice(s, Math.min(o.batchSize, x.rows - s));
        const xb = tf.gather(xm, idx) as tf.Tensor2D;
        const cb = tf.gather(cond, idx) as tf.Tensor2D;
        return optimizer.minimize(() => {
          const { mu, logVar } = vae.encode(xb, cb);
          const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), tf.randomNormal(mu.shape, 0, 1, 'float32', noiseSeed))) as tf.Tensor2D;
          const logits = vae.decodeLogits(z, cb);
          const bce = tf.sum(tf.sub(tf.softplus(logits), tf.mul(xb, logits)), 1);
          const kl = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
          return tf.mean(tf.add(bce, tf.mul(kl, beta))) as tf.Scalar;
        }, true, vae.variables)!;
      });
      total += cost.dataSync()[0] * Math.min(o.batchSize, x.rows - s);
      cost.dispose();
    }
    perm.dispose();
    history.push(total / x.rows);
    onEpoch?.(epoch, total / x.rows);
  }
  for (const t of [X, xm, cond]) t.dispose();
  optimizer.dispose();
  return history;
}

/**
 * Trains the C-CHVAE autoencoder on a training split (mutable columns reconstructed, immutable ones as the
 * condition), or loads it from data/cache/vae keyed by data, column roles and options. `name` only labels
 * the cache file. Seeded: same data + options → same weights on a given backend.
 */
export function fitVae(trainSplit: Split, layout: FeatureLayout, name: string, options: Partial<VaeOptions> = {},
  f: { cache?: boolean; onProgress?: (msg: string) => void } = {}): TrainedVae {
  const o = resolveOptions('vae', VAE_DEFAULTS, VAE_RULES, options);
  check(mutableColumns(layout).length > 0, 'C-CHVAE needs at least one mutable column');
  const file = join(cacheDir('vae'), `${name}-${vaeKey(trainSplit, layout, o)}.json`);
  if (f.cache !== false && existsSync(file)) {
    try {
      const body = JSON.parse(readFileSync(file, 'utf8')) as VaeFile;
      if (body.format !== 'robust-recourse/vae@1') throw new Error('not a VAE file');
      return { vae: new Vae(body.weights), options: o, lossHistory: body.lossHistory, trainSeconds: body.trainSeconds, fromCache: true, cacheFile: file };
    } catch (e) {
      throw new RecourseError(`VAE cache file ${file} is corrupt (${(e as Error).message}); delete it and run again to retrain`);
    }
  }
  if (!o.epochs) o.epochs = autoEpochs(trainSplit.x.rows, o.batchSize, 3000);
  const vae = Vae.init(mutableColumns(layout), [...layout.immutable], o.hidden, o.latent, o.seed);
  const t0 = performance.now();
  f.onProgress?.(`training the C-CHVAE autoencoder on ${name} (${o.epochs} epochs)`);
  const lossHistory = train(vae, trainSplit.x, o);
  const trainSeconds = (performance.now() - t0) / 1000;
  if (f.cache !== false) {
    const body: VaeFile = { format: 'robust-recourse/vae@1', options: o, weights: vae.weights(), lossHistory, trainSeconds };
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file + '.part', JSON.stringify(body));
    renameSync(file + '.part', file);
  }
  return { vae, options: o, lossHistory, trainSeconds, fromCache: false, cacheFile: f.cache === false ? null : file };
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
