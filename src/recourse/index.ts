/**
 * Recourse methods: one interface (types.ts), one contract wrapper (method.ts), one file or folder per
 * method, and this catalog. A new method is a file or folder built with `defineMethod` plus one catalog entry.
 */
import { RecourseError } from '../util/errors';
import { cchvae } from './cchvae/method';
import { exact } from './exact/method';
import { gsm } from './gsm';
import { roar } from './roar';
import { scfe } from './scfe';
import type { RecourseMethod } from './types';
import { RECOURSE_METHOD_NAMES, type RecourseMethodName } from './names';

export * from './types';
export { defineMethod, checkFactuals, type MethodSpec, type SearchInput, type SearchOutput } from './method';
export * from './exact/linear';
export { scfe, scfeObjective, SCFE_DEFAULTS, SCFE_RULES, type ScfeOptions } from './scfe';
export { exact, EXACT_DEFAULTS, EXACT_RULES, type ExactOptions, type ExactResult } from './exact/method';
export { gsm, GSM_DEFAULTS, GSM_RULES, type GsmOptions } from './gsm';
export { cchvae, CCHVAE_DEFAULTS, CCHVAE_RULES, type CchvaeOptions, type CchvaeResult } from './cchvae/method';
export { roar, roarInnerMax, roarObjective, ROAR_DEFAULTS, ROAR_RULES, type RoarOptions, type RoarResult } from './roar';
export { limeSurrogates, type LimeOptions, type LinearSurrogates } from './lime';
export { Vae, type VaeWeights } from './cchvae/vae';
export { decoderLipschitz, type DecoderLipschitz } from './cchvae/lipschitz';
export {
  fitVae,
  reconstructionError,
  VAE_DEFAULTS,
  VAE_RULES,
  VAE_TRAINING_REVISION,
  vaeTrainer,
  type TrainedVae,
  type VaeOptions,
  type VaeTrainer,
} from './cchvae/train';

/** A recourse method with its option type erased, as the catalog holds them (import a method by name for its own types). */
export type AnyRecourseMethod = RecourseMethod<object>;

/** Every method by its command-line name (names.ts lists the same names without loading the methods). */
export const RECOURSE_METHODS: Readonly<Record<RecourseMethodName, AnyRecourseMethod>> = { scfe, gsm, cchvae, roar, exact };

export { RECOURSE_METHOD_NAMES, type RecourseMethodName };

/** A method by name, or a RecourseError listing the valid names. */
export function getRecourseMethod(name: string): AnyRecourseMethod {
  const m = (RECOURSE_METHODS as Readonly<Record<string, AnyRecourseMethod>>)[name];
  if (!m) throw new RecourseError(`unknown recourse method '${name}'; choose one of ${RECOURSE_METHOD_NAMES.join(', ')}`);
  return m;
}
