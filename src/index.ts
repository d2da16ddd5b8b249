/**
 * The library's public API, re-exported from one entry point so notebooks and scripts import from one place
 * (in a notebook, the compiled build: `import { ... } from './dist/index'`; scripts run the sources through tsx).
 * The layers are described in docs/architecture.md.
 */
import { checkBuildFresh } from './util/build-check';

// run from dist/ (compiled CommonJS, where __filename exists): refuse a build older than the sources
if (typeof __filename !== 'undefined') checkBuildFresh(__filename);

export { initBackend, backendName, type BackendName } from './backend';
export * from './util/errors';
export { notebookProfile } from './util/profile';
export * from './util/options';
export * from './util/format';
export * from './data/index';
export { featureLayout, type FeatureLayout } from './data/layout';
export { toDataFrame } from './data/frame';
export * from './models/index';
export * from './metrics/index';
export * from './recourse/index';
export * from './theory/index';
export * from './experiments/index';
export * from './experiments/theory/index';
export * from './figures/plotly';
export * from './figures/bands';
export * from './figures/paper';
export * from './figures/tsne';
export * from './figures/theory';
export * from './figures/save';
export * from './figures/parts';
export * from './figures/accuracy';
export { FigureExporter, CHROMIUM_PATH, type ImageOptions } from './figures/export';
export * from './figures/nb';
export * from './figures/nb-figures';
export { writeExplorer, readExplorerData, runExplorerData, showExplorer, explorerData, explorerHtml, frontier, toOriginal, toScaled, type ExplorerData } from './explorer/index';
