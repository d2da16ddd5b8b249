/** Recourse metrics: cost, validity, cost differences, factual selection and recourse robustness. */
export * from './cost';
export * from './validity';
export * from './policies';
export * from './factuals';
export * from './robustness';
