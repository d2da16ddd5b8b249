/**
 * Recourse methods: one interface (types.ts), one file per method, and this catalog. A new method is one
 * new file plus one entry in RECOURSE_METHODS.
 */
import { RecourseError } from '../util/errors';
import { cchvae } from './cchvae/method';
import { exact } from './exact/method';
import { gsm } from './gsm';
import { roar } from './roar';
import { scfe } from './scfe';
import type { RecourseMethod } from './types';

export * from './types';
export * from './exact/linear';
export * from '../data/layout';
export { logitsOf } from './common';
export { scfe, scfeObjective, SCFE_DEFAULTS, type ScfeOptions } from './scfe';
export { exact, type ExactOptions, type ExactResult } from './exact/method';
export { gsm, GSM_DEFAULTS, type GsmOptions } from './gsm';
export { cchvae, CCHVAE_DEFAULTS, type CchvaeOptions, type CchvaeResult } from './cchvae/method';
export { roar, roarInnerMax, roarObjective, ROAR_DEFAULTS, type RoarOptions, type RoarResult } from './roar';
export { limeSurrogates, type LimeOptions, type LinearSurrogates } from './lime';
export { Vae, type VaeWeights } from './cchvae/vae';
export { decoderLipschitz, type DecoderLipschitz } from './cchvae/lipschitz';
export { fitVae, reconstructionError, VAE_DEFAULTS, type TrainedVae, type VaeOptions } from './cchvae/train';

/** Every method by its command-line name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RECOURSE_METHODS: Readonly<Record<string, RecourseMethod<any, any>>> = { scfe, gsm, cchvae, roar, exact };

export const RECOURSE_METHOD_NAMES = Object.keys(RECOURSE_METHODS);

/** A method by name, or a RecourseError listing the valid names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getRecourseMethod(name: string): RecourseMethod<any, any> {
  const m = RECOURSE_METHODS[name];
  if (!m) throw new RecourseError(`unknown recourse method '${name}'; choose one of ${RECOURSE_METHOD_NAMES.join(', ')}`);
  return m;
}
