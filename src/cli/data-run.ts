import { getDataset } from '../data';
import { summarizeDataset } from '../data/summary';
import { progressLog, output, str } from './args';
import type { ParsedArgs } from './args';

/** Runs `recourse data` with parsed flags (loaded only when the command runs). */
export async function runData(args: ParsedArgs): Promise<number> {
  const ds = await getDataset(str(args, 'dataset'), { onProgress: progressLog() });
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
}
