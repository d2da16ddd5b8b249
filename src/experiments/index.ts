/** The experiment layer: grids, setups, profiles, the runner, results tables, verdicts, outputs, and what the section notebooks show (tables, per-setup figures, figure verdicts). */
export * from './grid';
export * from './setups';
export * from './profiles';
export * from './units';
export * from './recourse-run';
export * from './results';
export * from './verdicts';
export * from './runner';
export * from './outputs';
export * from './degenerate';
export * from './verdict-report';
export * from './claim-scopes';
export * from './figure-verdicts';
export * from './size-verdicts';
export * from './section-tables';
export * from './setup-figures';
export * from './notebook-grids';
