/** The experiment layer: grids, setups, profiles, the runner, results tables, verdicts and outputs. */
export * from './grid';
export * from './setups';
export * from './profiles';
export * from './units';
export * from './recourse-run';
export * from './results';
export * from './verdicts';
export * from './runner';
export * from './outputs';
export * from './shards';
export * from './report';
