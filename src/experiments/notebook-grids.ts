/**
 * The grids the section notebooks run, taken from one place. Under the `full` notebook profile they are the
 * grids of the command line's profiles — the main grid and the depth/width sweep of `recourse reproduce`
 * (PROFILES.paper) and the setup comparison of `recourse reproduce --profile variants` (PROFILES.variants) —
 * so a cache those two commands filled serves every notebook. Under `small` (the tests' size: a minute or two
 * per notebook on two cores) they are test-size grids of the same shape, shared so the three notebooks reuse
 * each other's cached units: Adult only, LR and NN, ε ∈ {0, 0.1, 0.3}, one seed, 25 factuals, 3 training
 * epochs, SCFE and GSM with small searches; the small setup comparison is the small main grid under `default`
 * and `carla` (which trains like default), so it adds only carla's recourse units.
 */
import { resolveGrid, type GridSpec } from './grid';
import { PROFILES } from './profiles';
import type { Plan } from './runner';

/** Smaller searches (they change the numbers, not the algorithms); SCFE's 2 rounds also cap the carla preset's 10. */
const SMALL_SEARCHES = { scfe: { maxSteps: 300, rounds: 2 }, gsm: { samplesPerShell: 100, maxShells: 100 } };
const SMALL_SIZES = { seeds: [0], factuals: 25, training: { epochs: 3 }, robustnessSamples: 20, methodOptions: SMALL_SEARCHES };

/** Figs 1–4, 8–12 and 16 at test size. */
export const SMALL_MAIN_GRID: Partial<GridSpec> = {
  name: 'main',
  datasets: ['adult'],
  models: ['lr', 'mlp'],
  eps: [0, 0.1, 0.3],
  methods: ['scfe', 'gsm'],
  setups: ['default'],
  ...SMALL_SIZES,
};

/** The setup comparison at test size: the small main grid under two setups. */
export const SMALL_VARIANTS_GRID: Partial<GridSpec> = { ...SMALL_MAIN_GRID, name: 'variants', setups: ['default', 'carla'] };

/** The factors that decide the trade-off at test size: the small main grid under the default and the matched threshold. */
export const SMALL_DECIDE_GRID: Partial<GridSpec> = { ...SMALL_MAIN_GRID, name: 'decide', setups: ['default', 'matched'] };

/**
 * Figs 5 / 14 at test size: depth 1 and 2 at width 2d and widths 16, 32 at depth 2, at ε = 0.1 rather than the
 * paper's 0.3 — the smaller radius is meant to keep 3-epoch networks away from collapsing to one class, so the
 * sizes have recourses to compare (a collapsed model's grid points are left out of every verdict).
 */
export const SMALL_DEPTH_WIDTH_GRID: Partial<GridSpec> = {
  name: 'depth-width',
  datasets: ['adult'],
  models: ['mlp'],
  eps: [0, 0.1],
  methods: ['scfe', 'gsm'],
  setups: ['default'],
  ...SMALL_SIZES,
  architectures: [
    { depth: 1, width: 0 },
    { depth: 2, width: 0 },
    { depth: 2, width: 16 },
    { depth: 2, width: 32 },
  ],
};

/** The grids a section notebook may run; each is resolved (every setting spelled out) and the notebook's own copy to edit. */
export interface NotebookGrids {
  /** The paper's main grid (§5.1): Figs 1–4, 8–12 and 16. */
  main: GridSpec;
  /** Figs 5 / 14: Adult networks of several depths and widths. */
  depthWidth: GridSpec;
  /** Every setup variant side by side on a reduced grid, run apart from `main`; null skips the comparison. */
  variants: GridSpec | null;
  /** The factors that decide the trade-off (target class, ε units, threshold) crossed, for the "what decides it" table; null skips it. */
  decide: GridSpec | null;
}

function gridNamed(plan: Plan, name: string): Partial<GridSpec> {
  const g = plan.grids.find((x) => x.name === name);
  if (!g) throw new Error(`profile has no grid '${name}'`);
  return g;
}

/** Where each notebook grid comes from, per notebook profile. */
const SOURCES: Record<'small' | 'full', Record<keyof NotebookGrids, Partial<GridSpec>>> = {
  full: {
    main: gridNamed(PROFILES.paper, 'main'),
    depthWidth: gridNamed(PROFILES.paper, 'depth-width'),
    variants: gridNamed(PROFILES.variants, 'variants'),
    decide: gridNamed(PROFILES.decide, 'decide'),
  },
  small: { main: SMALL_MAIN_GRID, depthWidth: SMALL_DEPTH_WIDTH_GRID, variants: SMALL_VARIANTS_GRID, decide: SMALL_DECIDE_GRID },
};

/** The notebook grids `which` for a notebook profile: `full` = the command line's paper and variants profiles, `small` = the test-size grids. */
export function notebookGrids<K extends keyof NotebookGrids>(profile: 'small' | 'full', which: readonly K[]): Pick<NotebookGrids, K> {
  return Object.fromEntries(which.map((k) => [k, structuredClone(resolveGrid(SOURCES[profile][k]))])) as Pick<NotebookGrids, K>;
}

/** Where the grids of `notebookGrids(profile, …)` come from, as one phrase for the settings table. */
export function notebookGridsSource(profile: 'small' | 'full'): string {
  return profile === 'full'
    ? 'PROFILES.paper (main, depth-width), PROFILES.variants and PROFILES.decide: the grids of `recourse reproduce` and `recourse reproduce --profile variants` / `--profile decide`'
    : "SMALL_*_GRID: test-size grids (not the paper's datasets, ε grid, seeds, sizes or search sizes)";
}
