/**
 * Measuring the statements of Section 4 on trained model pairs: the LR and NTK pairs, the per-instance
 * quantities each statement needs, full runs, sweeps over λ and ε, their reports, and what the theory notebook shows.
 */
export * from './types';
export * from './options';
export * from './lr-pair';
export * from './ntk-pair';
export * from './recourses';
export * from './measure-lr';
export * from './measure-ntk';
export * from './measure-cchvae';
export * from './run-lr';
export * from './run-ntk';
export * from './run';
export * from './sweeps';
export * from './report';
export * from './notebook';
