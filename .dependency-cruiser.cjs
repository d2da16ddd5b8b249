/**
 * The layers of src/ (docs/architecture.md), lowest first: util → data → models → metrics, figures (the
 * ground); recourse, theory; experiments (planning, units, running, caching, results tables); verdicts (rules
 * that return data); reports (sentences, markdown, files and notebook tables on top of runs and verdicts);
 * explorer (the trade-off page, on top of a run's results); cli and the src/index.ts entry point. No import may
 * run from a lower layer to a higher one, and no import may be circular. theory reads util and, of the ground,
 * only the cost difference (metrics/cost.ts); verdicts carry no prose and no figure labels, so they do not
 * import figures. The engine (src/engine/: fast twins of hot paths) sits beside models and recourse: it reads
 * their data types and util, and the domain reaches it only through src/engine/index.ts. Run with `npm run check:deps` (CI does).
 */
const layer = (name, path, mayNotImport) => ({
  name: `${name}-stays-below`,
  comment: `${name} is a lower layer than ${mayNotImport.join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: `^src/(${mayNotImport.join('|')})(/|\\.ts$)` },
});

/** The layers above experiments, which nothing below them may import. */
const TOP = ['verdicts', 'reports', 'explorer', 'cli', 'index'];
/** What a ground or domain layer may not import: the named layers, then everything from experiments up. */
const upFrom = (...names) => [...names, 'experiments', ...TOP];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules must not depend on each other in a cycle', from: {}, to: { circular: true } },
    layer('util', '^src/(util/|backend(-choice)?\\.ts)', upFrom('engine', 'data', 'models', 'metrics', 'figures', 'recourse', 'theory')),
    layer('data', '^src/data/', upFrom('models', 'metrics', 'figures', 'recourse', 'theory')),
    layer('models', '^src/models/', upFrom('metrics', 'figures', 'recourse', 'theory')),
    layer('metrics', '^src/metrics/', upFrom('figures', 'recourse', 'theory')),
    layer('figures', '^src/figures/', upFrom('engine', 'data', 'models', 'metrics', 'recourse', 'theory')),
    layer('recourse', '^src/recourse/', upFrom('theory')),
    layer('theory', '^src/theory/', upFrom('engine', 'data', 'models', 'figures', 'recourse')),
    {
      name: 'theory-reads-only-the-cost-difference',
      comment: 'the statements work on plain numbers: of metrics they import only the cost difference (metrics/cost.ts, which needs no tensors)',
      severity: 'error',
      from: { path: '^src/theory/' },
      to: { path: '^src/metrics/', pathNot: '^src/metrics/cost\\.ts$' },
    },
    {
      name: 'engine-through-its-door',
      comment: 'domain code reaches the fast twins only through src/engine/index.ts, which says when each applies',
      severity: 'error',
      from: { path: '^src/(data|models|metrics|recourse|theory|experiments|verdicts|reports|explorer|cli|figures)/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' },
    },
    layer('engine', '^src/engine/', upFrom('metrics', 'figures', 'theory')),
    layer('experiments', '^src/experiments/', TOP),
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
