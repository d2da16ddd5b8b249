import { getDataset } from '../data';
import { summarizeDataset } from '../data/summary';
import { datasetCaches, progressLog, datasetFlag, output, str, type Command } from './args';

export const dataCommand: Command = {
  name: 'data',
  summary: 'load a dataset (directory, cache or download) and print its shape, label balance and source',
  flags: [
    datasetFlag('german', 'dataset to load'),
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: datasetCaches,
  async run(args) {
    const ds = await getDataset(str(args, 'dataset'), { onProgress: progressLog(args) });
    const s = summarizeDataset(ds);
    output(args, s, () => [
      `dataset        ${s.dataset}`,
      `rows           ${s.trainRows} train / ${s.testRows} test`,
      `features       ${s.features} (${s.continuous} continuous, ${s.binary} binary, ${s.oneHotGroups} one-hot groups)`,
      `immutable      ${s.immutable.join(', ') || '(none)'}`,
      `positive rate  ${(100 * s.positiveRate).toFixed(1)}% train / ${(100 * s.testPositiveRate).toFixed(1)}% test`,
      `clipped cells  ${s.clippedTestCells} test cells outside the training range, clipped to [0, 1]`,
      `source         ${s.source}: ${s.files.train}, ${s.files.test}`,
    ]);
    return 0;
  },
};
