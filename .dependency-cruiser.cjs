/**
 * The layers of src/ (docs/architecture.md), lowest first: util → data → models → metrics, figures (the
 * ground); recourse, theory; experiments (planning, units, running, caching, results tables); verdicts (rules
 * that return data); reports (sentences, markdown, files and notebook tables on top of runs and verdicts);
 * explorer (the trade-off page, on top of a run's results); cli and the src/index.ts entry point. No import may
 * run from a lower layer to a higher one, and no import may be circular. theory reads util and, of the ground,
 * only the cost difference (metrics/cost.ts); verdicts carry no prose and no figure labels, so they do not
 * import figures. Run with `npm run check:deps` (CI does).
 */
const layer = (name, path, mayNotImport) => ({
  name: `${name}-stays-below`,
  comment: `${name} is a lower layer than ${mayNotImport.join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: `^src/(${mayNotImport.join('|')})(/|\\.ts$)` },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules must not depend on each other in a cycle', from: {}, to: { circular: true } },
    layer('util', '^src/(util/|backend(-choice)?\\.ts)', [
      'data',
      'models',
      'metrics',
      'figures',
      'recourse',
      'theory',
      'experiments',
      'verdicts',
      'reports',
      'explorer',
      'cli',
      'index',
    ]),
    layer('data', '^src/data/', ['models', 'metrics', 'figures', 'recourse', 'theory', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('models', '^src/models/', ['metrics', 'figures', 'recourse', 'theory', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('metrics', '^src/metrics/', ['figures', 'recourse', 'theory', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('figures', '^src/figures/', ['data', 'models', 'metrics', 'recourse', 'theory', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('recourse', '^src/recourse/', ['theory', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('theory', '^src/theory/', ['data', 'models', 'figures', 'recourse', 'experiments', 'verdicts', 'reports', 'explorer', 'cli', 'index']),
    {
      name: 'theory-reads-only-the-cost-difference',
      comment: 'the statements work on plain numbers: of metrics they import only the cost difference (metrics/cost.ts, which needs no tensors)',
      severity: 'error',
      from: { path: '^src/theory/' },
      to: { path: '^src/metrics/', pathNot: '^src/metrics/cost\\.ts$' },
    },
    layer('experiments', '^src/experiments/', ['verdicts', 'reports', 'explorer', 'cli', 'index']),
    layer('verdicts', '^src/verdicts/', ['figures', 'reports', 'explorer', 'cli', 'index']),
    layer('reports', '^src/reports/', ['explorer', 'cli', 'index']),
    layer('explorer', '^src/explorer/', ['cli', 'index']),
    layer('cli', '^src/cli/', ['index']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
