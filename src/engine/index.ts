/**
 * The engine: fast twins of the domain's hot paths, each tested against the readable reference it replaces
 * (docs/architecture.md, "The engine"). This file is the one door: domain code imports the engine only from
 * here (`npm run check:deps`), and each twin says here when it applies, so the domain falls back to its
 * reference wherever it does not.
 * - training: one fused tfjs kernel per Adam step of a one-hidden-layer net (ERM and PGD), and the fused PGD
 *   attack, on the wasm and cpu backends (reference: models/train-ops.ts, models/attack.ts);
 * - search: the gradient searches (SCFE, ROAR) as plain loops over Float32Arrays (reference: the tfjs loop of
 *   recourse/gradient-search.ts);
 * - shells: Growing Spheres' and C-CHVAE's shell draws, C-CHVAE's decoding and the projection, in jobs on
 *   worker threads and in WebAssembly (reference: util/sampling.ts sampleShell and data/layout.ts projectRows);
 * - vae: C-CHVAE's autoencoder step as JS loops plus the backend's matMul (reference: the tfjs tape in
 *   recourse/cchvae/train.ts).
 */
export { kernelsAvailable } from './train/kernel-env';
export { fusedTrainStep, type TrainStepAttrs } from './train/train-kernel';
export { fusedPgd, fusedPgdAvailable } from './train/kernel-pgd';
export { fusedSearch, type FusedModel, type FusedObjective, type SearchLoop, type SearchOutcome } from './search/fused-search';
export { shellKernel, SHELL_WASM_FILE } from './shells/shell-wasm';
export { FusedVaeTrainer, type VaeBatch, type VaeStepInput } from './vae/vae-fused';
export {
  sampleShells,
  shellSampler,
  samplerThreads,
  startSamplerThreads,
  withSamplerThreads,
  type SampledJob,
  type ShellSampler,
} from './shells/shell-threads';
export type { DecoderLayer, SampleDecoder } from './shells/sample-decoder';
