/** The verdict rules: the paper's claims, the trend and evidence rules, claim and scope verdicts, and what decides each claim — all returned as data (reports/ writes them in words). */
export * from './claims';
export * from './trend';
export * from './claim-verdicts';
export * from './scope';
export * from './left-out';
export * from './claim-scopes';
export * from './size-verdicts';
export * from './figure-verdicts';
export * from './decide';
