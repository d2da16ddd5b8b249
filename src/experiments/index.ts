/** The experiment layer: grids, setups, profiles, units, the runner and its cache, the results tables, and the notebook runs (estimates, progress, interrupt). */
export * from './grid';
export * from './setups';
export * from './profiles';
export * from './units';
export * from './recourse-run';
export * from './results';
export * from './budgets';
export * from './runner';
export * from './neighbourhood';
export * from './quickstart';
export * from './notebook-grids';
export * from './shards';
export * from './notebook-run';
export * from './estimate';
export * from './timings';
export * from './notebook-steps';
