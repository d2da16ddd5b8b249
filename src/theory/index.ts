/**
 * The statements of Section 4, each a function from measured per-instance quantities to per-instance
 * verdicts (holds / violated / vacuous). Measuring those quantities on models is src/experiments/theory/.
 */
export * from './statement';
export * from './verdict';
export * from './bounds';
export * from './cost-diff';
export * from './lemma1';
export * from './theorem1';
export * from './theorem2';
export * from './theorem3';
export * from './theorem4';
export * from './lemma2';
export * from './theorem5';
