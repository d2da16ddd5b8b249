/**
 * Named experiment plans. `paper`: the paper's grid (all datasets, LR and NN, the 8-value ε grid, every
 * method — exact on the NNs too — 3 seeds) plus the depth/width sweep of Figs 5/14 and the Section 4 checks; `quick`: a small grid for
 * a first look (Adult with a 5000-row training subsample, and COMPAS, under the matched threshold; under a minute); `variants`: every setup variant on a
 * reduced grid (4 ε values, one dataset per label balance); `decide`: the factors that decide the trade-off, crossed (the "what decides it" table);
 * `exact`: the quick profile's MLPs with the exact minimal-ℓ1 recourse (a MILP per factual) beside SCFE and Growing Spheres.
 */
import { RecourseError } from '../util/errors';
import type { GridSpec } from './grid';
import type { Plan } from './runner';
import { SETUP_NAMES } from './setups';

/** The name of a plan in PROFILES. */
export type ProfileName = 'quick' | 'paper' | 'variants' | 'decide' | 'exact';
/** The names of the plans in PROFILES. */
export const PROFILE_NAMES: readonly ProfileName[] = ['quick', 'paper', 'variants', 'decide', 'exact'];

/** The factor levels the decide profile crosses (docs/methods.md, "Factors"); the budgets are read off every run. */
export const DECIDE_SETUPS = ['default', 'minority', 'std', 'matched', 'minority+std'];

/** Smaller searches for the quick profile (documented: they change the numbers, not the algorithms). */
const QUICK_METHOD_OPTIONS = {
  scfe: { maxSteps: 500 },
  roar: { maxSteps: 500, limeSamples: 500 },
  gsm: { samplesPerShell: 200, maxShells: 200 },
  cchvae: { samplesPerShell: 50, maxShells: 60, vae: { epochs: 5 } },
};

/** The named plans `recourse reproduce --profile` runs (quick, paper, variants, decide, exact). */
export const PROFILES: Readonly<Record<ProfileName, Plan>> = {
  quick: {
    about:
      "'matched' (each robust model's threshold matched to the ε = 0 model's training positive rate), because under the default setup " +
      'most robust Adult and COMPAS models predict one class for everyone (the decide profile shows it) and say nothing about recourse; ' +
      'ε up to 0.1 and 3 seeds, so verdicts can rest on ≥ 3 ε values and ≥ 3 seeds',
    grids: [
      {
        name: 'main',
        datasets: ['adult', 'compas'],
        models: ['lr', 'mlp'],
        eps: [0, 0.02, 0.05, 0.1],
        seeds: [0, 1, 2],
        factuals: 30,
        trainRows: 5000,
        training: { epochs: 15 },
        methodOptions: QUICK_METHOD_OPTIONS,
        robustnessSamples: 50,
        setups: ['matched'],
      },
    ],
    theory: [{ dataset: 'adult', model: 'lr', eps: 0.1, n: 20, seed: 0, size: 3, cchvae: { samplesPerShell: 50, maxShells: 40, vae: { epochs: 3 } } }],
  },
  paper: {
    grids: [
      // exact on the MLPs too (a MILP per factual at the 1 s default limit; docs/methods.md): minutes on 2 cores
      { name: 'main', datasets: ['german', 'adult', 'compas'], models: ['lr', 'mlp'], seeds: [0, 1, 2], factuals: 250, exactMlp: true },
      {
        name: 'depth-width',
        datasets: ['adult'],
        models: ['mlp'],
        eps: [0, 0.3],
        methods: ['scfe', 'gsm', 'cchvae', 'roar'],
        seeds: [0, 1, 2],
        factuals: 250,
        architectures: [
          { depth: 1, width: 0 },
          { depth: 2, width: 0 },
          { depth: 3, width: 0 },
          { depth: 4, width: 0 },
          { depth: 2, width: 16 },
          { depth: 2, width: 32 },
          { depth: 2, width: 64 },
          { depth: 2, width: 128 },
        ],
      },
    ],
    // Figs 6, 7, 13, 15: the LR pair at ε = 0.1 and 0.3, the NTK pair at ε = 0.1, 0.2 and 0.3, on 500 Adult test points
    theory: [
      ...[0.1, 0.3].map((eps) => ({ dataset: 'adult', model: 'lr' as const, eps, n: 500, seed: 0, cchvae: {} })),
      ...[0.1, 0.2, 0.3].map((eps) => ({ dataset: 'adult', model: 'ntk' as const, eps, n: 500, seed: 0, cchvae: eps === 0.1 ? {} : (false as const) })),
    ],
  },
  decide: {
    about:
      'each factor level (target class, ε units, threshold) beside the default setup on German, Adult and COMPAS, LR and NN, 6 ε values, 3 seeds, ' +
      "50 factuals, SCFE, Growing Spheres (200 samples per shell) and exact LR recourse; the search budgets and the paper's Cost formula are read off the same searches",
    grids: [
      {
        name: 'decide',
        datasets: ['german', 'adult', 'compas'],
        models: ['lr', 'mlp'],
        eps: [0, 0.02, 0.05, 0.1, 0.2, 0.3],
        seeds: [0, 1, 2],
        factuals: 50,
        setups: DECIDE_SETUPS,
        methods: ['scfe', 'gsm', 'exact'],
        methodOptions: { gsm: { samplesPerShell: 200 } },
      },
    ],
  },
  exact: {
    about:
      "the quick profile's MLPs (Adult and COMPAS, 'matched' threshold, ε up to 0.1, 3 seeds) with the exact minimal ℓ1 recourse (a MILP per " +
      'factual, docs/methods.md) beside SCFE and Growing Spheres: the cost claim without search artefacts. German is left out: its network ' +
      '(60 inputs, 120 hidden units) takes seconds per factual and often reaches the time limit',
    grids: [
      {
        name: 'exact',
        datasets: ['adult', 'compas'],
        models: ['mlp'],
        eps: [0, 0.02, 0.05, 0.1],
        seeds: [0, 1, 2],
        factuals: 30,
        trainRows: 5000,
        training: { epochs: 15 },
        methods: ['scfe', 'gsm', 'exact'],
        exactMlp: true,
        methodOptions: QUICK_METHOD_OPTIONS,
        robustnessSamples: 50,
        setups: ['matched'],
      },
    ],
  },
  variants: {
    grids: [
      {
        name: 'variants',
        datasets: ['adult', 'german'],
        models: ['lr', 'mlp'],
        eps: [0, 0.1, 0.2, 0.3],
        seeds: [0, 1],
        factuals: 100,
        setups: [...SETUP_NAMES],
      },
    ],
  },
};

/** A profile's plan, or a RecourseError listing the valid names. */
export function profile(name: string): Plan {
  const p = PROFILES[name as ProfileName];
  if (!p) throw new RecourseError(`unknown profile '${name}'; choose one of ${PROFILE_NAMES.join(', ')}`);
  return p;
}

/** A plan with the same overrides applied to each of its grids (e.g. from command-line flags); theory checks are kept. */
export function withOverrides(plan: Plan, o: Partial<GridSpec>): Plan {
  const set = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const methods = (g: Partial<GridSpec>) => {
    const out: Record<string, Record<string, unknown>> = { ...(g.methodOptions ?? {}) };
    for (const [m, opts] of Object.entries(o.methodOptions ?? {})) out[m] = { ...(out[m] ?? {}), ...opts };
    return out;
  };
  const theory = o.datasets ? plan.theory?.filter((c) => o.datasets!.includes(c.dataset)) : plan.theory;
  return { ...plan, grids: plan.grids.map((g) => ({ ...g, ...set, methodOptions: methods(g) })), theory };
}
