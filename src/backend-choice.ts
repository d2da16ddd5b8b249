import { envChoice } from './util/parse';

/** The tfjs backends the toolkit can use, in the order it tries them. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** The backend RECOURSE_BACKEND forces, if any (an unknown name is an error naming the variable). Loads no tfjs. */
export function backendChoice(): BackendName | undefined {
  return envChoice('RECOURSE_BACKEND', BACKENDS, 'use tensorflow, wasm or cpu (or unset it)');
}
