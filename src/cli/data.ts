import { datasetCaches, datasetFlag, type Command } from './args';

export const dataCommand: Command = {
  name: 'data',
  summary: 'load a dataset (directory, cache or download) and print its shape, label balance and source',
  flags: [datasetFlag('german', 'dataset to load'), { name: 'json', help: 'print one JSON object' }],
  caches: datasetCaches,
  run: async (args) => (await import('./data-run')).runData(args),
};
