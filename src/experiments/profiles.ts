/**
 * Named experiment plans. `paper`: the paper's grid (all datasets, LR and NN, the 8-value ε grid, every
 * method, 3 seeds) plus the depth/width sweep of Figs 5/14; `quick`: a small grid for CI and a first look
 * (minutes); `variants`: every setup variant on a reduced grid (4 ε values, one dataset per label balance).
 */
import { RecourseError } from '../util/errors';
import type { GridSpec } from './grid';
import { SETUP_NAMES } from './setups';

export type ProfileName = 'quick' | 'paper' | 'variants';
export const PROFILE_NAMES: readonly ProfileName[] = ['quick', 'paper', 'variants'];

/** Smaller searches for the quick profile (documented: they change the numbers, not the algorithms). */
const QUICK_METHOD_OPTIONS = {
  scfe: { maxSteps: 500 },
  roar: { maxSteps: 500, limeSamples: 500 },
  gsm: { samplesPerShell: 200, maxShells: 200 },
  cchvae: { samplesPerShell: 50, maxShells: 60, vae: { epochs: 5 } },
};

export const PROFILES: Readonly<Record<ProfileName, readonly Partial<GridSpec>[]>> = {
  quick: [{
    name: 'main', datasets: ['german', 'compas'], models: ['lr', 'mlp'], eps: [0, 0.1, 0.3], seeds: [0], factuals: 30, training: { epochs: 15 },
    methodOptions: QUICK_METHOD_OPTIONS, robustnessSamples: 50,
  }],
  paper: [
    { name: 'main', datasets: ['german', 'adult', 'compas'], models: ['lr', 'mlp'], seeds: [0, 1, 2], factuals: 250 },
    {
      name: 'depth-width', datasets: ['adult'], models: ['mlp'], eps: [0, 0.3], methods: ['scfe', 'gsm', 'cchvae', 'roar'], seeds: [0, 1, 2], factuals: 250,
      architectures: [{ depth: 1, width: 0 }, { depth: 2, width: 0 }, { depth: 3, width: 0 }, { depth: 4, width: 0 }, { depth: 2, width: 16 }, { depth: 2, width: 32 }, { depth: 2, width: 64 }, { depth: 2, width: 128 }],
    },
  ],
  variants: [{
    name: 'variants', datasets: ['adult', 'german'], models: ['lr', 'mlp'], eps: [0, 0.1, 0.2, 0.3], seeds: [0, 1], factuals: 100, setups: [...SETUP_NAMES],
  }],
};

/** A profile's grids, or a RecourseError listing the valid names. */
export function profile(name: string): readonly Partial<GridSpec>[] {
  const p = PROFILES[name as ProfileName];
  if (!p) throw new RecourseError(`unknown profile '${name}'; choose one of ${PROFILE_NAMES.join(', ')}`);
  return p;
}

/** A profile with the same overrides applied to each of its grids (e.g. from command-line flags). */
export function withOverrides(grids: readonly Partial<GridSpec>[], o: Partial<GridSpec>): Partial<GridSpec>[] {
  const set = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const methods = (g: Partial<GridSpec>) => {
    const out: Record<string, Record<string, unknown>> = { ...(g.methodOptions ?? {}) };
    for (const [m, opts] of Object.entries(o.methodOptions ?? {})) out[m] = { ...(out[m] ?? {}), ...opts };
    return out;
  };
  return grids.map((g) => ({ ...g, ...set, methodOptions: methods(g) }));
}
