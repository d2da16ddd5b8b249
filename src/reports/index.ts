/** Reports on top of runs and verdicts: verdict sentences and markdown, the what-decides-it table, the files a run writes, the tables and per-setup figures the notebooks show, and the README's results section. */
export * from './claim-evidence';
export * from './scope-text';
export * from './verdict-report';
export * from './decide-report';
export * from './outputs';
export * from './section-tables';
export * from './setup-figures';
export * from './setup-comparison';
export * from './report';
